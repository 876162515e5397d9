package io.cloudimages.ims.demo;

/**
 * Whether this process runs on the embedded demo database: decided once, by {@link DemoModeConfigSourceFactory}
 * (launch mode or {@code ims.demo=true}, and no datasource URL), and held here rather than in a property, so
 * that no setting can claim it. The demo data is written only to the embedded database this process started.
 */
public final class DemoMode {
    private static volatile String embeddedJdbcUrl;

    private DemoMode() {
    }

    static void startedOn(String jdbcUrl) {
        embeddedJdbcUrl = jdbcUrl;
    }

    /** True when the datasource in use is the embedded database this process started for the demo. */
    public static boolean isActive(String datasourceUrl) {
        String embedded = embeddedJdbcUrl;
        return embedded != null && embedded.equals(datasourceUrl);
    }
}
