package io.fideliza.contract;

/** One declared input column: its name, its type and whether every row must carry a value. */
public record Field(String name, FieldType type, boolean required) {

    static Field required(String name, FieldType type) {
        return new Field(name, type, true);
    }

    static Field optional(String name, FieldType type) {
        return new Field(name, type, false);
    }
}
