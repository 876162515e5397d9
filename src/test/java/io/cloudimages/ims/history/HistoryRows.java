package io.cloudimages.ims.history;

import io.cloudimages.ims.persistence.ImageEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The stored history of the tests' images, read straight from the table. */
final class HistoryRows {
    /** One row: who, through which entry point, for which request and run, and the changes as stored. */
    record Row(String imageId, String actor, String project, String entryPoint, String requestId, String runId,
               String changes) {
    }

    private HistoryRows() {
    }

    static List<Row> of(String imageId) {
        return rows("image_id = cast(:value as uuid)", imageId);
    }

    static List<Row> ofRun(String runId) {
        return rows("run_id = cast(:value as uuid)", runId);
    }

    private static List<Row> rows(String condition, String value) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = ImageEntity.getEntityManager().createNativeQuery("select image_id::text, actor, project,"
                    + " entry_point, request_id, run_id::text, changes::text from image_change where " + condition
                    + " order by id").setParameter("value", value).getResultList();
            List<Row> result = new ArrayList<>();
            for (Object[] row : rows) {
                result.add(new Row((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                        (String) row[5], (String) row[6]));
            }
            return result;
        });
    }

    static String newProject() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
