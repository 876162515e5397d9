package io.cloudimages.ims.image.persistence;

import io.cloudimages.ims.image.domain.access.Caller;
import io.cloudimages.ims.image.domain.batch.ImageSelector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch selector as one keyset-paged SQL query over {@code image}. Attribute names map to a fixed set of
 * column expressions or to a {@code properties} key; every value, and every property name, is a bound
 * parameter, never SQL text.
 */
final class SelectorSql {
    /** Attributes that are columns, as text so that they compare with the selector's strings. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("id", "id::text"), Map.entry("owner", "owner"), Map.entry("name", "name"),
            Map.entry("status", "status"), Map.entry("visibility", "visibility"), Map.entry("__imagetype", "image_type"),
            Map.entry("deleted", "deleted::text"), Map.entry("protected", "protected::text"),
            Map.entry("size", "size::text"), Map.entry("virtual_size", "virtual_size::text"),
            Map.entry("checksum", "checksum"), Map.entry("container_format", "container_format"),
            Map.entry("disk_format", "disk_format"), Map.entry("min_disk", "min_disk::text"),
            Map.entry("min_ram", "min_ram::text"), Map.entry("max_ram", "max_ram"),
            Map.entry("__description", "description"), Map.entry("hw_firmware_type", "hw_firmware_type"),
            Map.entry("__os_bit", "os_bit"), Map.entry("__os_version", "os_version"),
            Map.entry("__isregistered", "is_registered"), Map.entry("__platform", "platform"),
            Map.entry("__os_type", "os_type"), Map.entry("virtual_env_type", "virtual_env_type"),
            Map.entry("__image_source_type", "image_source_type"),
            Map.entry("__originalimagename", "original_image_name"), Map.entry("__backup_id", "backup_id"),
            Map.entry("__productcode", "product_code"), Map.entry("__image_size", "image_size"),
            Map.entry("__data_origin", "data_origin"));

    final String sql;
    final Map<String, Object> parameters;

    private SelectorSql(String sql, Map<String, Object> parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /** One page of matching ids after {@code afterId} (exclusive), in id order. */
    static SelectorSql page(ImageSelector selector, Caller caller, Optional<String> afterId, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
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
        afterId.ifPresent(after -> {
            where.add("id > cast(:after as uuid)");
            parameters.put("after", after);
        });
        parameters.put("limit", limit);
        String sql = "select id::text from image where " + String.join(" and ", where) + " order by id limit :limit";
        return new SelectorSql(sql, parameters);
    }

    private static String expression(String attribute, String parameter, Map<String, Object> parameters) {
        String column = COLUMNS.get(attribute);
        if (column != null) {
            return column;
        }
        parameters.put(parameter, attribute);
        return "(properties ->> :" + parameter + ")";
    }
}
