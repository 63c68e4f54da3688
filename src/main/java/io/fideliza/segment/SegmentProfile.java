package io.fideliza.segment;

import java.io.Serializable;

/**
 * What the average customer of a cluster looks like, in the units a marketer reads: the input of
 * naming and of matching clusters to the previous run's segments.
 */
public record SegmentProfile(int cluster, long customers, double orders, double recencyDays, double tenureDays,
                             double monetary, double views, double abandonedCarts, double unhappiness,
                             double openTickets, double buyerShare, double[] center) implements Serializable {
}
