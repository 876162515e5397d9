package floor;

import io.quarkus.funqy.Funq;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

public class FloorFunction {

    public static class Touch {
        public long id;
        public String value;
    }

    /** One locked update of one row. */
    @Funq
    @Transactional
    public String touch(Touch touch) {
        FloorRow row = FloorRow.findById(touch.id, LockModeType.PESSIMISTIC_WRITE);
        row.value = touch.value;
        return row.value;
    }
}
