package io.fideliza.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.RunStopped;
import io.fideliza.run.StopSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Publishes one run date as a single step that happens or does not (docs/publishing.md): a journal names every
 * move first, the manifest is written aside, the old partitions are set aside and the new ones moved in, and
 * renaming the manifest into place is the commit point. Before it, any failure (or a journal found by the next
 * run) puts back exactly what was there; after it, only the set-aside copies remain to delete.
 */
public final class Publisher {
    static final FsPermission FOLDER_PERMISSION = new FsPermission((short) 0750);

    /** One staged folder, its published place, and where its previous partition waits: paths under the root. */
    public record Move(String staged, String target, String backup) {
    }

    /** What a publish left: the published folders, the date's state in one line, a leftover to clear, if any. */
    public record Result(List<String> published, String line, Optional<String> leftover) {
    }

    private final FileSystem fs;
    private final Path root;
    private final LocalDate runDate;
    private final StopSignal stop;
    private final Consumer<String> step;

    public Publisher(FileSystem fs, Path root, LocalDate runDate, StopSignal stop, Consumer<String> step) {
        this.fs = fs;
        this.root = root;
        this.runDate = runDate;
        this.stop = stop;
        this.step = step;
    }

    Path journal() {
        return manifests("." + runDate + ".publishing.json");
    }

    Path manifest() {
        return manifests(runDate + ".json");
    }

    /** The new manifest, written before anything moves: a full manifest volume stops the run there. */
    Path manifestAside() {
        return manifests("." + runDate + ".json.tmp");
    }

    /** The previous manifest while publishing: beside it, so setting it aside never crosses a volume. */
    Path previousManifest() {
        return manifests("." + runDate + ".json.previous");
    }

    public Path backups() {
        return new Path(root, "_trash/run_date=" + runDate);
    }

    private Path manifests(String name) {
        return new Path(root, OutputDataset.MANIFESTS.folder() + "/" + name);
    }

    /**
     * Publishes {@code moves}; with {@code manifestJson} (which must carry {@code attempt}), renaming it into place
     * is the commit point, else (tools, tests) removing the journal is.
     *
     * @throws RunStopped a signal came before the commit point: the date is as it was
     * @throws PublishFailed any other failure before the commit point: the date is as it was
     */
    public Result publish(List<Move> moves, String manifestJson, String attempt) {
        stop.enterPublishing();
        List<String> published = new ArrayList<>();
        String at = "journal";
        try {
            step.accept(at);
            writeAtomically(journal(), journal(moves, manifestJson != null, attempt));
            if (manifestJson != null) {
                at = "manifest-write";
                step.accept(at);
                write(manifestAside(), manifestJson);
            }
            fs.mkdirs(backups(), FOLDER_PERMISSION);
            if (manifestJson != null && fs.exists(manifest())) {
                stop.checkpoint();
                at = "set-aside:manifest";
                step.accept(at);
                rename(manifest(), previousManifest());
            }
            for (Move m : moves) {
                stop.checkpoint();
                at = "move:" + m.target();
                step.accept("move:" + dataset(m));
                Path target = path(m.target());
                fs.mkdirs(target.getParent(), FOLDER_PERMISSION);
                if (fs.exists(target)) {
                    rename(target, path(m.backup()));
                }
                rename(path(m.staged()), target);
                restrict(target);
                published.add(target.toString());
            }
            stop.checkpoint();
            at = "commit";
            step.accept(at);
            if (manifestJson != null) {
                rename(manifestAside(), manifest());
            } else {
                fs.delete(journal(), false);
            }
        } catch (Exception | FSError e) {
            String line;
            try {
                rollBack(moves);
                line = asItWas();
            } catch (Exception | FSError undo) {
                e.addSuppressed(undo);
                line = "publishing could not be undone (" + undo.getMessage() + "); the next run of this date puts "
                        + "back what " + journal() + " names";
            }
            stop.leavePublishing(StopSignal.Settled.AS_BEFORE, line);
            if (e instanceof RunStopped s) {
                throw new RunStopped(s.signal(), "stopped by " + s.signal() + " while publishing; " + line);
            }
            throw new PublishFailed(at, e, line);
        }
        String line = "run date " + runDate + " published" + (manifestJson == null ? ""
                : " (its manifest says " + Manifest.SUCCEEDED + ")");
        Optional<String> leftover = Optional.empty();
        try {
            step.accept("after-commit");
            finish();
        } catch (Exception | FSError e) {
            leftover = Optional.of("could not clear " + backups() + " after publishing (" + e.getMessage()
                    + "); the next run clears it");
        }
        stop.leavePublishing(StopSignal.Settled.PUBLISHED, line);
        return new Result(published, line, leftover);
    }

    /** A publish failed before its commit point; the date is as it was, as {@link #state()} says. */
    static final class PublishFailed extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String state;

        PublishFailed(String step, Throwable cause, String state) {
            super("publishing failed at " + step + ": " + cause.getMessage() + "; " + state, cause);
            this.state = state;
        }

        String state() {
            return state;
        }
    }

    /**
     * Repairs what a run killed while publishing this date left (a journal): finishes it if its manifest was
     * committed, else puts back exactly the previous state. Run under the date's lock.
     *
     * @return what was done, in one line, or empty when there was nothing to repair
     */
    public Optional<String> repair() throws IOException {
        // A journal whose write was cut short was never renamed in: nothing had moved.
        fs.delete(new Path(journal().getParent(), "." + journal().getName() + ".tmp"), false);
        if (!fs.exists(journal())) {
            fs.delete(manifestAside(), false);
            restorePreviousManifest();
            return Optional.empty();
        }
        JsonNode j;
        try (InputStream in = fs.open(journal())) {
            j = new ObjectMapper().readTree(in);
        }
        List<Move> moves = new ArrayList<>();
        j.path("moves").forEach(m -> moves.add(new Move(m.path("staged").asText(), m.path("target").asText(),
                m.path("backup").asText())));
        String attempt = j.path("attempt").asText();
        if (j.path("manifest").asBoolean() && attempt.equals(attemptOf(manifest()))) {
            finish();
            return Optional.of("finished publishing run date " + runDate + ", interrupted after its manifest was "
                    + "written (attempt " + attempt + ")");
        }
        rollBack(moves);
        return Optional.of("undid an interrupted publish of run date " + runDate + "; " + asItWas());
    }

    /** The date's published state in words, from its manifest. */
    String asItWas() {
        try {
            if (fs.exists(manifest())) {
                try (InputStream in = fs.open(manifest())) {
                    JsonNode m = new ObjectMapper().readTree(in);
                    if (Manifest.SUCCEEDED.equals(m.path("status").asText())) {
                        return "nothing of this run was published: run date " + runDate + " is as it was, the run "
                                + "that finished at " + m.path("finished_at").asText() + " (" + manifest()
                                + " says " + Manifest.SUCCEEDED + ")";
                    }
                }
            }
        } catch (IOException e) {
            return "nothing of this run was published: run date " + runDate + " is as it was (its manifest "
                    + manifest() + " cannot be read: " + e.getMessage() + ")";
        }
        return "nothing of this run was published: run date " + runDate + " is as it was, not published";
    }

    /** Puts back what the moves changed, last first; each step can be repeated, so a repair may be repaired. */
    private void rollBack(List<Move> moves) throws IOException {
        for (int i = moves.size() - 1; i >= 0; i--) {
            Move m = moves.get(i);
            Path staged = path(m.staged());
            Path target = path(m.target());
            Path backup = path(m.backup());
            if (!fs.exists(staged) && fs.exists(target)) {
                // The new partition had moved in: back to staging, which the next run drops.
                fs.mkdirs(staged.getParent(), FOLDER_PERMISSION);
                rename(target, staged);
            }
            if (fs.exists(backup) && !fs.exists(target)) {
                rename(backup, target);
            }
        }
        fs.delete(manifestAside(), false);
        restorePreviousManifest();
        fs.delete(backups(), true);
        deleteIfEmpty(new Path(root, "_trash"));
        fs.delete(journal(), false);
    }

    private void restorePreviousManifest() throws IOException {
        if (fs.exists(previousManifest()) && !fs.exists(manifest())) {
            rename(previousManifest(), manifest());
        }
        fs.delete(previousManifest(), false);
    }

    /** After the commit point: the set-aside copies go, then the journal (last, so a crash here is finished later). */
    private void finish() throws IOException {
        fs.delete(backups(), true);
        deleteIfEmpty(new Path(root, "_trash"));
        fs.delete(previousManifest(), false);
        fs.delete(manifestAside(), false);
        // A success supersedes an earlier failed attempt of the same date.
        fs.delete(manifests(runDate + ".failed.json"), false);
        fs.delete(journal(), false);
    }

    /** The attempt a manifest names; empty when there is none. */
    private String attemptOf(Path manifest) throws IOException {
        if (!fs.exists(manifest)) {
            return "";
        }
        try (InputStream in = fs.open(manifest)) {
            JsonNode m = new ObjectMapper().readTree(in);
            return Manifest.SUCCEEDED.equals(m.path("status").asText()) ? m.path("attempt").asText() : "";
        }
    }

    private String journal(List<Move> moves, boolean withManifest, String attempt) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode j = json.createObjectNode();
        j.put("run_date", runDate.toString());
        j.put("attempt", attempt);
        j.put("manifest", withManifest);
        ArrayNode list = j.putArray("moves");
        for (Move m : moves) {
            list.addObject().put("staged", m.staged()).put("target", m.target()).put("backup", m.backup());
        }
        return j.toPrettyString() + "\n";
    }

    /** The dataset a move publishes, as the test hook names it: its folder without the run date. */
    private static String dataset(Move m) {
        String t = m.target();
        int partition = t.lastIndexOf("/run_date=");
        return partition < 0 ? t : t.substring(0, partition);
    }

    Path path(String relative) {
        return new Path(root, relative);
    }

    public String relative(Path p) {
        return p.toString().substring(root.toString().length() + 1);
    }

    /** A whole file or none: written aside, then renamed; nothing left behind when the write fails. */
    void writeAtomically(Path target, String text) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        write(tmp, text);
        try {
            fs.delete(target, false);
            rename(tmp, target);
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
    }

    /** Writes {@code text} to {@code file}; a partial file (disk full) is deleted. */
    void write(Path file, String text) throws IOException {
        fs.mkdirs(file.getParent(), FOLDER_PERMISSION);
        try (OutputStream out = fs.create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException | FSError e) {
            try {
                fs.delete(file, false);
            } catch (IOException | RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            // Hadoop's FSError names no file: the path goes with the cause.
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to);
        }
    }

    /**
     * The published folder, the folders in it (a saved model has several) and every folder above it up to the
     * root: mkdirs and Spark's writers leave those to the umask.
     */
    private void restrict(Path p) throws IOException {
        restrictBelow(p);
        for (Path dir = p.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            fs.setPermission(dir, FOLDER_PERMISSION);
        }
    }

    private void restrictBelow(Path p) throws IOException {
        if (fs.getFileStatus(p).isDirectory()) {
            fs.setPermission(p, FOLDER_PERMISSION);
            for (FileStatus child : fs.listStatus(p)) {
                if (child.isDirectory()) {
                    restrictBelow(child.getPath());
                }
            }
        }
    }

    private void deleteIfEmpty(Path dir) throws IOException {
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }
}
