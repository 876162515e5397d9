package io.cloudimages.ims.auth.signing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An access key: its project, roles, encrypted secret and lock-out state (shared by every instance). */
@Entity
@Table(name = "access_key")
public class AccessKeyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "access_key")
    public String accessKey;
    @Column(name = "secret_key_ciphertext")
    public byte[] secretKeyCiphertext;
    @Column(name = "project_id")
    public String projectId;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> roles = new ArrayList<>();
    public boolean enabled;
    @Column(name = "failed_attempts")
    public int failedAttempts;
    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Override
    public String toString() {
        return "AccessKey[" + accessKey + "]"; // never the secret
    }
}
