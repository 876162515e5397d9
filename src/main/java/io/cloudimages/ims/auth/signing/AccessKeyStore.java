package io.cloudimages.ims.auth.signing;

import io.cloudimages.ims.persistence.Transactions;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Access keys in the database; each method is its own transaction, so a failure count survives a 401. */
@ApplicationScoped
public class AccessKeyStore implements PanacheRepositoryBase<AccessKeyEntity, String> {
    private final Transactions transactions;

    AccessKeyStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** A detached view of a key, decrypted only in memory. */
    public record StoredKey(String accessKey, byte[] secretKeyCiphertext, String projectId, List<String> roles,
                            boolean enabled, int failedAttempts, Instant lockedUntil) {
    }

    public Optional<StoredKey> lookup(String accessKey) {
        return transactions.inNewTransaction(() -> findByIdOptional(accessKey).map(k -> new StoredKey(k.accessKey,
                k.secretKeyCiphertext, k.projectId, List.copyOf(k.roles), k.enabled, k.failedAttempts, k.lockedUntil)));
    }

    /**
     * Counts one signature mismatch, atomically in the database so that every instance agrees; the one that
     * reaches the threshold locks the key and starts the count again.
     *
     * @return true when this mismatch locked the key
     */
    public boolean recordMismatch(String accessKey, int threshold, Duration lockout) {
        // The count restarts at 0 exactly when this update locks the key, which is what it returns.
        List<?> locked = transactions.inNewTransaction(() -> getEntityManager().createNativeQuery("""
                update access_key
                   set failed_attempts = case when failed_attempts + 1 >= :threshold then 0 else failed_attempts + 1 end,
                       locked_until = case when failed_attempts + 1 >= :threshold
                                           then now() + make_interval(secs => :lockSeconds) else locked_until end
                 where access_key = :ak
                returning failed_attempts = 0""")
                .setParameter("threshold", threshold)
                .setParameter("lockSeconds", (double) lockout.toSeconds())
                .setParameter("ak", accessKey)
                .getResultList());
        return !locked.isEmpty() && Boolean.TRUE.equals(locked.get(0));
    }

    /** A correct signature ends a run of mismatches; callers write only when there is one. */
    public void resetMismatches(String accessKey) {
        transactions.inNewTransaction(() -> getEntityManager().createNativeQuery(
                        "update access_key set failed_attempts = 0 where access_key = :ak")
                .setParameter("ak", accessKey)
                .executeUpdate());
    }
}
