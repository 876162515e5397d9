package io.cloudimages.ims.persistence;

import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.batch.ImageSelector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch selector as one keyset-paged SQL query over {@code image}. Attribute names map to the column
 * expressions of {@link ImageColumns} or to a {@code properties} key; every value, and every property name, is a bound
 * parameter, never SQL text.
 */
final class SelectorSql {
    final String sql;
    final Map<String, Object> parameters;

    private SelectorSql(String sql, Map<String, Object> parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /** One page of matching ids after {@code afterId} (exclusive), in id order. */
    static SelectorSql page(ImageSelector selector, Caller caller, Optional<String> afterId, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> where = conditions(selector, caller, parameters);
        afterId.ifPresent(after -> {
            where.add("id > cast(:after as uuid)");
            parameters.put("after", after);
        });
        parameters.put("limit", limit);
        String sql = "select id::text from image where " + String.join(" and ", where) + " order by id limit :limit";
        return new SelectorSql(sql, parameters);
    }

    /** How many images match. */
    static SelectorSql count(ImageSelector selector, Caller caller) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> where = conditions(selector, caller, parameters);
        return new SelectorSql("select count(*) from image where " + String.join(" and ", where), parameters);
    }

    private static List<String> conditions(ImageSelector selector, Caller caller, Map<String, Object> parameters) {
        List<String> where = new ArrayList<>();
        where.add("deleted = false and status <> 'deleted'");
        if (!caller.isAdmin()) {
            where.add("owner = :callerProject");
            parameters.put("callerProject", caller.projectId());
        }
        selector.owner().ifPresent(owner -> {
            where.add("owner = :owner");
            parameters.put("owner", owner);
        });
        selector.status().ifPresent(status -> {
            where.add("status = :status");
            parameters.put("status", status);
        });
        selector.imageType().ifPresent(type -> {
            where.add("image_type = :imageType");
            parameters.put("imageType", type);
        });
        int n = 0;
        for (Map.Entry<String, String> equals : selector.attributes().entrySet()) {
            where.add(expression(equals.getKey(), "a" + n, parameters) + " = :v" + n);
            parameters.put("v" + n, equals.getValue());
            n++;
        }
        for (String missing : selector.missing()) {
            where.add(expression(missing, "a" + n, parameters) + " is null");
            n++;
        }
        selector.shard().ifPresent(shard -> {
            where.add("('x' || substr(id::text, 1, 8))::bit(32)::bigint % :shardCount = :shardIndex");
            parameters.put("shardCount", shard.count());
            parameters.put("shardIndex", shard.index());
        });
        return where;
    }

    private static String expression(String attribute, String parameter, Map<String, Object> parameters) {
        return ImageColumns.selectorText(attribute).orElseGet(() -> {
            parameters.put(parameter, attribute);
            return "(properties ->> :" + parameter + ")";
        });
    }
}
