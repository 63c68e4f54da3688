package io.fideliza.contract;

/** Every column name the contract and the pipeline share, spelt once. */
public final class Columns {
    private Columns() {
    }

    // Inputs (contract.md, "Inputs").
    public static final String CUSTOMER_ID = "customer_id";
    public static final String SIGNUP_DATE = "signup_date";
    public static final String COUNTRY = "country";
    public static final String EMAIL = "email";
    public static final String MARKETING_OPT_IN = "marketing_opt_in";
    /** customers.phone: personal data, never logged; what a care agent calls. */
    public static final String PHONE = "phone";
    /** customers.first_name: personal data, never logged; how messages greet the customer. */
    public static final String FIRST_NAME = "first_name";
    /** customers.language: BCP 47 ({@code es}, {@code es-MX}, {@code en}), the language of the customer's rows. */
    public static final String LANGUAGE = "language";
    public static final String PRODUCT_ID = "product_id";
    public static final String NAME = "name";
    public static final String CATEGORY = "category";
    public static final String PRICE = "price";
    public static final String CONSUMABLE = "consumable";
    public static final String REPLENISH_DAYS = "replenish_days";
    public static final String AVAILABLE = "available";
    public static final String ORDER_ID = "order_id";
    public static final String ORDERED_AT = "ordered_at";
    public static final String QUANTITY = "quantity";
    public static final String UNIT_PRICE = "unit_price";
    public static final String CHANNEL = "channel";
    public static final String STATUS = "status";
    public static final String EVENT_TYPE = "event_type";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String SESSION_ID = "session_id";
    public static final String TICKET_ID = "ticket_id";
    public static final String OPENED_AT = "opened_at";
    public static final String FIRST_RESPONSE_AT = "first_response_at";
    public static final String RESOLVED_AT = "resolved_at";
    public static final String TOPIC = "topic";
    public static final String CONTACTS = "contacts";
    public static final String CSAT = "csat";
    public static final String COST = "cost";
    public static final String ANSWERED_AT = "answered_at";
    public static final String KIND = "kind";
    public static final String SCORE = "score";
    // contacts: what the marketing and care tools sent (action, channel, offer_id and status as above).
    public static final String SENT_AT = "sent_at";
    public static final String CAMPAIGN_ID = "campaign_id";

    // Bookkeeping carried with every raw row until it is validated.
    public static final String SOURCE_FILE = "source_file";
    public static final String LINE = "line";
    public static final String RECORD = "record";
    public static final String PARSE_ERROR = "parse_error";
    public static final String REASON = "reason";
    public static final String REASON_COLUMN = "column";
    public static final String DETAIL = "detail";

    // Outputs (contract.md, "Outputs").
    public static final String RUN_DATE = "run_date";
    public static final String SEGMENT_ID = "segment_id";
    public static final String SEGMENT_NAME = "segment_name";
    public static final String SEGMENT_DESCRIPTION = "segment_description";
    public static final String PREVIOUS_SEGMENT_ID = "previous_segment_id";
    public static final String CUSTOMERS = "customers";
    public static final String SHARE = "share";
    public static final String RANK = "rank";
    public static final String BECAUSE_PRODUCT_ID = "because_product_id";
    public static final String DUE_DATE = "due_date";
    public static final String ACTION = "action";
    public static final String SEND_ON = "send_on";
    public static final String PRIORITY = "priority";
    public static final String PRODUCT_IDS = "product_ids";
    public static final String PRODUCT_NAMES = "product_names";
    /** Extra column of action_plans: the playbook's targeting rule that chose the action list (null: the segment's). */
    public static final String PLAYBOOK_RULE = "playbook_rule";
    public static final String OFFER_ID = "offer_id";
    /** Extra column of action_plans: the reason's codes joined with + (messages bundle {@code reason.CODE}). */
    public static final String REASON_CODE = "reason_code";
    /** Extra column of action_plans: the arguments of the reason's codes, in order (dates as yyyy-MM-dd). */
    public static final String REASON_ARGS = "reason_args";
    public static final String FIRST_SEND_ON = "first_send_on";
    public static final String LAST_SEND_ON = "last_send_on";
    public static final String TOP_PRODUCT_IDS = "top_product_ids";
    public static final String FROM_SEGMENT_ID = "from_segment_id";
    public static final String TO_SEGMENT_ID = "to_segment_id";
    public static final String CONTACTABLE = "contactable";
    /** segment_centroids: the segment's mean behaviour vector (log-scaled features). */
    public static final String CENTER = "center";
    /** action_plans: in the action's holdout group, planned but not sent; action_outcomes: how many of those. */
    public static final String CONTROL = "control";
    /** Extra column of segment_plans: customers of the group held out as control (not in {@code customers}). */
    public static final String CONTROL_CUSTOMERS = "control_customers";

    // action_outcomes: did earlier plans work (treated against control, per action, segment and offer).
    public static final String PLAN_RUN_DATE = "plan_run_date";
    public static final String WINDOW_DAYS = "window_days";
    public static final String TREATED = "treated";
    public static final String TREATED_CONVERTED = "treated_converted";
    public static final String CONTROL_CONVERTED = "control_converted";
    public static final String UPLIFT = "uplift";
    public static final String UPLIFT_LOW = "uplift_low";
    public static final String UPLIFT_HIGH = "uplift_high";
    public static final String REVENUE_PER_TREATED = "revenue_per_treated";
    public static final String REVENUE_PER_CONTROL = "revenue_per_control";

    // Segment profile KPIs.
    public static final String REPEAT_PURCHASE_RATE = "repeat_purchase_rate";
    public static final String ORDERS_PER_CUSTOMER = "orders_per_customer";
    public static final String AVG_ORDER_VALUE = "avg_order_value";
    public static final String SUPPORT_CONTACTS_PER_CUSTOMER = "support_contacts_per_customer";
    public static final String MEDIAN_FIRST_RESPONSE_HOURS = "median_first_response_hours";
    public static final String MEDIAN_RESOLUTION_HOURS = "median_resolution_hours";
    public static final String FIRST_CONTACT_RESOLUTION_RATE = "first_contact_resolution_rate";
    public static final String COST_PER_CONTACT = "cost_per_contact";
    public static final String CSAT_AVG = "csat_avg";
    public static final String NPS = "nps";
    public static final String CES_AVG = "ces_avg";
    public static final String SESSIONS_PER_CUSTOMER = "sessions_per_customer";

    // The segment model (docs/segmentation.md, "Segments as a model"): extra columns of segments,
    // segment_profiles, segment_migrations and segment_refit_migrations.
    /** segments: the customer's lifecycle inside their segment: champion, active, at_risk, lapsing or prospect. */
    public static final String LIFECYCLE = "lifecycle";
    /** segments: why the segment differs from the previous run's: same, new, behaviour, refit or behaviour_and_refit. */
    public static final String SEGMENT_CHANGE = "segment_change";
    /** segments: distance to the segment's centroid, in standard deviations (root mean square over the features). */
    public static final String CENTROID_DISTANCE = "centroid_distance";
    /** segments, segment_profiles: the version of the segment model (_models/segments/version=N) used. */
    public static final String MODEL_VERSION = "model_version";
    public static final String TRAINING_SHARE = "training_share";
    public static final String MEAN_CENTROID_DISTANCE = "mean_centroid_distance";
    public static final String TRAINING_MEAN_CENTROID_DISTANCE = "training_mean_centroid_distance";
    public static final String UNFIT_SHARE = "unfit_share";
    public static final String NAME_RULE = "name_rule";
    public static final String NAME_HOLDS_SHARE = "name_holds_share";
    public static final String MOVED_BY_BEHAVIOUR = "moved_by_behaviour";
    public static final String MOVED_BY_REFIT = "moved_by_refit";
    public static final String FROM_MODEL_VERSION = "from_model_version";
    public static final String TO_MODEL_VERSION = "to_model_version";
    public static final String FROM_SEGMENT_NAME = "from_segment_name";
    public static final String TO_SEGMENT_NAME = "to_segment_name";
    public static final String CHANGE = "change";

    // care_queue (contract.md): the service-recovery work list, one row per ticket that needs a person.
    /** Hours from the ticket's opening to the end of the run date. */
    public static final String AGE_HOURS = "age_hours";
    public static final String FIRST_RESPONSE_BREACHED = "first_response_breached";
    /** Extra column: the resolution target (by topic) is breached: still open past it, or resolved after it. */
    public static final String RESOLUTION_BREACHED = "resolution_breached";
    /** The customer's value at stake: customer_value.value_at_stake (their net spend for a customer without one). */
    public static final String CUSTOMER_VALUE = "customer_value";
    public static final String NIGHTS_IN_QUEUE = "nights_in_queue";
    /** Which targets are breached: first_response, resolution, both comma-separated, or null. */
    public static final String BREACHED = "breached";
    public static final String SUGGESTED_GESTURE = "suggested_gesture";
    /** Extra column: why the ticket needs a person (open, low_csat, bad_answer_after_ticket). */
    public static final String QUEUE_REASON = "queue_reason";
    /** Extra column: the urgency tier, 1 (first to work) to 4, the priority orders by first (README, care queue). */
    public static final String URGENCY = "urgency";
    /** Extra column: how the care agent reaches the customer for the ticket's channel: phone, email or none. */
    public static final String CONTACT_BY = "contact_by";
    /** Extra column: the phone number or email address for {@link #CONTACT_BY}: personal data, never logged. */
    public static final String CONTACT = "contact";

    // Service targets (README, the care queue): per ticket met (1), missed (0) or not known yet (null).
    public static final String FIRST_RESPONSE_TARGET_MET = "first_response_target_met";
    public static final String RESOLUTION_TARGET_MET = "resolution_target_met";
    /** segment_profiles extra columns: the share meeting each target per support channel and per topic (name, share). */
    public static final String FIRST_RESPONSE_MET_BY_CHANNEL = "first_response_met_by_channel";
    public static final String RESOLUTION_MET_BY_CHANNEL = "resolution_met_by_channel";
    public static final String FIRST_RESPONSE_MET_BY_TOPIC = "first_response_met_by_topic";
    public static final String RESOLUTION_MET_BY_TOPIC = "resolution_met_by_topic";
    /** Mean repurchase-intention answer (surveys kind repurchase_intent, 0..10). */
    public static final String REPURCHASE_INTENT_AVG = "repurchase_intent_avg";

    // Columns of the marketers' CSV exports (README, "Your campaign files") beyond the datasets' own.
    /** The action in the reader's language ("Recuperar cliente"); the action column keeps the code. */
    public static final String ACTION_NAME = "action_name";
    public static final String CHANNEL_NAME = "channel_name";
    /** A campaign row's message text, in the customer's language. */
    public static final String MESSAGE = "message";
    /** campaigns/_summary.csv: a file of the run, the name to save it under, its rows, its file of new rows. */
    public static final String FILE = "file";
    public static final String DATED_FILE = "dated_file";
    public static final String ROWS = "rows";
    public static final String NEW_FILE = "new_file";
    public static final String NEW_ROWS = "new_rows";

    /** segment_refit_migrations: why the refit moved these customers (new_data, new_kind, retired_segment). */
    public static final String MOVE_CAUSE = "cause";

    // customer_value (contract.md; docs/customer-value.md): churn risk and value over the horizon per customer.
    /** P(no purchase within horizon_days after the run date). */
    public static final String CHURN_RISK = "churn_risk";
    /** The day by which the next order is as likely as not; null when it never is. */
    public static final String EXPECTED_NEXT_ORDER_ON = "expected_next_order_on";
    public static final String EXPECTED_ORDERS = "expected_orders";
    public static final String EXPECTED_VALUE = "expected_value";
    public static final String HORIZON_DAYS = "horizon_days";
    /** Extra column: P(the customer is still active at the run date). */
    public static final String P_ALIVE = "p_alive";
    /** Extra column: the expected spend of one purchase day (Gamma-Gamma). */
    public static final String EXPECTED_SPEND = "expected_spend";
    /** Extra column: churn_risk times what the customer would spend over the horizon if still active. */
    public static final String VALUE_AT_STAKE = "value_at_stake";
}
