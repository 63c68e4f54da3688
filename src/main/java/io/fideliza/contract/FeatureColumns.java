package io.fideliza.contract;

import java.util.List;

/** The columns of {@code customer_features}: one row per customer as of the run date (docs in README). */
public final class FeatureColumns {
    private FeatureColumns() {
    }

    public static final String ORDERS = "orders";
    public static final String FIRST_ORDER_DATE = "first_order_date";
    public static final String LAST_ORDER_DATE = "last_order_date";
    public static final String RECENCY_DAYS = "recency_days";
    public static final String TENURE_DAYS = "tenure_days";
    public static final String MONETARY = "monetary";
    public static final String ORDERS_PER_MONTH = "orders_per_month";
    public static final String REPEAT_CUSTOMER = "repeat_customer";
    public static final String MEAN_INTERPURCHASE_DAYS = "mean_interpurchase_days";
    public static final String INTERPURCHASE_CV = "interpurchase_cv";
    public static final String RETURN_RATE = "return_rate";
    public static final String CATEGORY_BREADTH = "category_breadth";
    public static final String VIEWS = "views";
    public static final String SESSIONS = "sessions";
    public static final String VIEWS_PER_ORDER = "views_per_order";
    public static final String CART_ADDS = "cart_adds";
    public static final String ABANDONED_CARTS = "abandoned_carts";
    public static final String CART_ABANDONMENT_RATE = "cart_abandonment_rate";
    public static final String RECENT_ABANDONED_PRODUCT_IDS = "recent_abandoned_product_ids";
    public static final String DAYS_SINCE_LAST_VISIT = "days_since_last_visit";
    public static final String TICKETS = "tickets";
    public static final String SUPPORT_CONTACTS = "support_contacts";
    public static final String OPEN_TICKETS = "open_tickets";
    public static final String SUPPORT_COST = "support_cost";
    public static final String LAST_CSAT = "last_csat";
    public static final String NPS_SCORE = "nps_score";
    public static final String NPS_GROUP = "nps_group";
    public static final String PREFERRED_ORDER_CHANNEL = "preferred_order_channel";
    public static final String PREFERRED_SUPPORT_CHANNEL = "preferred_support_channel";
    public static final String PREFERRED_CHANNEL = "preferred_channel";
    public static final String NEEDS_SERVICE_RECOVERY = "needs_service_recovery";
    public static final String RECOVERY_REASON = "recovery_reason";
    public static final String HAS_EMAIL = "has_email";
    /** 0..3: an open ticket, a last CSAT of 2 or less, a detractor NPS answer; one point each. */
    public static final String UNHAPPINESS = "unhappiness";
    /** The day the problem behind service recovery arose (the newest open ticket, low CSAT or detractor answer). */
    public static final String RECOVERY_SINCE = "recovery_since";
    /** The day of the newest recent abandoned cart add: cart recovery goes once per abandoned cart. */
    public static final String LAST_ABANDONED_CART_DATE = "last_abandoned_cart_date";

    // Contact history (features.ContactFeatures): what was sent to the customer up to the run date.
    public static final String LAST_CONTACT_DATE = "last_contact_date";
    public static final String LAST_CONTACT_ACTION = "last_contact_action";
    public static final String CONTACTS_LAST_7_DAYS = "contacts_last_7_days";
    public static final String CONTACTS_LAST_30_DAYS = "contacts_last_30_days";
    /** The customer unsubscribed from a message (contacts input): no more marketing. */
    public static final String UNSUBSCRIBED = "unsubscribed";
    /** The customer's latest email bounced (contacts input): email is not a channel for them. */
    public static final String EMAIL_BOUNCED = "email_bounced";

    /** Every column of {@code customer_features}, customer_id first (contract), then the features in a fixed order. */
    public static final List<String> ALL = List.of(Columns.CUSTOMER_ID, Columns.SIGNUP_DATE, Columns.COUNTRY, ORDERS,
            FIRST_ORDER_DATE, LAST_ORDER_DATE, RECENCY_DAYS, TENURE_DAYS, MONETARY, Columns.AVG_ORDER_VALUE,
            ORDERS_PER_MONTH, REPEAT_CUSTOMER, MEAN_INTERPURCHASE_DAYS, INTERPURCHASE_CV, RETURN_RATE, CATEGORY_BREADTH,
            VIEWS, SESSIONS, VIEWS_PER_ORDER, CART_ADDS, ABANDONED_CARTS, CART_ABANDONMENT_RATE,
            RECENT_ABANDONED_PRODUCT_IDS, DAYS_SINCE_LAST_VISIT, TICKETS, SUPPORT_CONTACTS, OPEN_TICKETS,
            Columns.MEDIAN_FIRST_RESPONSE_HOURS, Columns.MEDIAN_RESOLUTION_HOURS, Columns.FIRST_CONTACT_RESOLUTION_RATE,
            SUPPORT_COST, Columns.CSAT_AVG, LAST_CSAT, NPS_SCORE, NPS_GROUP, Columns.CES_AVG, PREFERRED_ORDER_CHANNEL,
            PREFERRED_SUPPORT_CHANNEL, PREFERRED_CHANNEL, UNHAPPINESS, NEEDS_SERVICE_RECOVERY, RECOVERY_REASON,
            Columns.CONTACTABLE, HAS_EMAIL, RECOVERY_SINCE, LAST_ABANDONED_CART_DATE);

    /** The contact history features, after {@link #ALL} in {@code customer_features}. */
    public static final List<String> CONTACT_HISTORY = List.of(LAST_CONTACT_DATE, LAST_CONTACT_ACTION,
            CONTACTS_LAST_7_DAYS, CONTACTS_LAST_30_DAYS, UNSUBSCRIBED, EMAIL_BOUNCED);

    /**
     * The behaviour features segmentation clusters on (counts and amounts are log-scaled there). Chosen
     * on planted prototypes (docs/segmentation.md): recency, frequency, value, tenure, browsing, carts and
     * unhappiness; ticket and view counts are left out because they repeat sessions and unhappiness.
     */
    public static final List<String> SEGMENTATION = List.of(
            RECENCY_DAYS, ORDERS, MONETARY, TENURE_DAYS, SESSIONS, ABANDONED_CARTS, UNHAPPINESS, DAYS_SINCE_LAST_VISIT,
            ORDERS_PER_MONTH, Columns.AVG_ORDER_VALUE);
}
