package io.fideliza.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent pieces of work, each submitting its own Spark jobs, from a few driver threads.
 * On small data a Spark job is mostly driver-side latency (planning, scheduling, collecting), so
 * independent jobs overlap well; on large data they share the executors as Spark's scheduler decides.
 * Results come back in the order of the work, so a run does not depend on which thread finished first.
 */
public final class ConcurrentJobs {
    /** Enough threads to hide one job's latency behind another's; more only queue on the same cores. */
    public static final int THREADS = 4;

    private ConcurrentJobs() {
    }

    /** Runs all {@code work}, returns the results in order; the first failure (in order) is rethrown as is. */
    public static <T> List<T> all(List<Callable<T>> work) {
        if (work.size() <= 1) {
            List<T> out = new ArrayList<>();
            for (Callable<T> w : work) {
                out.add(call(w));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, work.size()), r -> {
            Thread t = new Thread(r, "fideliza-jobs");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> w : work) {
                futures.add(pool.submit(w));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> w) {
        try {
            return w.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        // SparkException is checked, yet Scala throws it from any action: keep it visible to callers that unwrap.
        return new IllegalStateException(t.getMessage(), t);
    }
}
