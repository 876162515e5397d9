package floor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "floor_row")
public class FloorRow extends PanacheEntityBase {
    @Id
    public long id;
    public String value;
}
