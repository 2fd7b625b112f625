package dev.atelier.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.atelier.events.schema.EventSchema;
import dev.atelier.events.schema.SchemaCompatibility;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemaSnapshotTest {

    private final ContractFiles snapshots = ContractFiles.schemas();

    static List<EventType> releasedVersions() {
        return EventCatalog.standard().types();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void releasedVersionKeepsTheWireShapeOfItsSnapshot(EventType type) {
        EventSchema current = EventSchema.of(type);
        var committed = snapshots.read(type);
        if (committed.isEmpty()) {
            if (ContractFiles.updateRequested()) {
                snapshots.write(type, current.toJson());
                System.out.println("wrote the first schema snapshot of " + type.qualifiedName()
                        + " to " + snapshots.pathOf(type) + "; commit it");
                return;
            }
            fail("%s has no schema snapshot at %s. If it is a new version, create it with%n  %s%nand commit it.",
                    type.qualifiedName(), snapshots.pathOf(type), ContractFiles.UPDATE_COMMAND);
        }
        EventSchema released = EventSchema.fromJson(committed.orElseThrow());

        List<String> breaking = SchemaCompatibility.breakingChanges(released, current);
        if (!breaking.isEmpty()) {
            fail("%s no longer matches its released schema (%s):%n  %s%n"
                            + "A released version only gains optional (@Nullable) fields. Revert the change, or publish "
                            + "the new shape as a new version (@EventContract(version = %d)) beside this one. "
                            + "The update flag never overwrites a breaking change.",
                    type.qualifiedName(), snapshots.pathOf(type), String.join(System.lineSeparator() + "  ", breaking),
                    type.version() + 1);
        }

        if (!current.equals(released)) {
            if (ContractFiles.updateRequested()) {
                snapshots.write(type, current.toJson());
                System.out.println("updated the schema snapshot of " + type.qualifiedName() + "; commit it");
            } else {
                System.out.printf("note: the schema snapshot of %s is out of date (%s); refresh it with %s%n",
                        type.qualifiedName(), SchemaCompatibility.additions(released, current),
                        ContractFiles.UPDATE_COMMAND);
            }
        }
    }

    @Test
    void everySnapshotBelongsToAVersionInTheCatalog() {
        Set<String> catalogued = releasedVersions().stream().map(EventType::qualifiedName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> orphans = new TreeSet<>(snapshots.qualifiedNames());
        orphans.removeAll(catalogued);

        assertThat(orphans)
                .as("released versions stay in the catalog until no consumer reads them; restore their contracts")
                .isEmpty();
    }
}
