package io.cloudimages.ims.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The stored image row (see V1__images.sql for which attribute lives where). */
@Entity
@Table(name = "image")
public class ImageEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String owner;
    public String name;
    public String status;
    public String visibility;
    @Column(name = "image_type")
    public String imageType;
    public boolean deleted;
    @Column(name = "protected")
    public boolean isProtected;
    public long size;
    @Column(name = "virtual_size")
    public long virtualSize;
    public String checksum;
    @Column(name = "container_format")
    public String containerFormat;
    @Column(name = "disk_format")
    public String diskFormat;
    @Column(name = "min_disk")
    public int minDisk;
    @Column(name = "min_ram")
    public int minRam;
    @Column(name = "max_ram")
    public String maxRam;
    public String description;
    @Column(name = "hw_firmware_type")
    public String firmwareType;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<String> tags = new ArrayList<>();
    @Column(name = "os_bit")
    public String osBit;
    @Column(name = "os_version")
    public String osVersion;
    @Column(name = "is_registered")
    public String isRegistered;
    public String platform;
    @Column(name = "os_type")
    public String osType;
    @Column(name = "virtual_env_type")
    public String virtualEnvType;
    @Column(name = "image_source_type")
    public String imageSourceType;
    @Column(name = "original_image_name")
    public String originalImageName;
    @Column(name = "backup_id")
    public String backupId;
    @Column(name = "product_code")
    public String productCode;
    @Column(name = "image_size")
    public String imageSize;
    @Column(name = "data_origin")
    public String dataOrigin;
    /**
     * Optional modifiable attributes and extension attributes, by name. Treated as immutable by Hibernate (no
     * JSON round trip to snapshot it on every load): a change assigns a new map, never edits this one.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public Map<String, String> properties = new TreeMap<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    /** Raised by every stored change (the entity tag's source); see ImageRows. */
    public long version = 1;
}
