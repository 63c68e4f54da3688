package io.fideliza.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a browsing event records (contract.md, events.event_type); some need a product_id. */
public enum EventType {
    VIEW(true), CART_ADD(true), CART_REMOVE(true), CHECKOUT(false), SEARCH(false), WISHLIST(true);

    private final boolean needsProduct;

    EventType(boolean needsProduct) {
        this.needsProduct = needsProduct;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean needsProduct() {
        return needsProduct;
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(EventType::code).toList();
    }
}
