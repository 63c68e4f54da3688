package io.fideliza.value;

/**
 * One customer's purchase days as of an observation end, in days, as the BG/NBD model reads them: {@code frequency}
 * repeat purchase days (distinct days after the first), {@code recency} days from the first to the last, {@code age}
 * days from the first to the end; {@code monetary} the mean value of the repeat days (0 without any), and whether
 * the customer bought in the horizon after the end (validation only).
 */
record History(String customerId, int frequency, int recency, int age, double monetary, boolean boughtAfter) {
}
