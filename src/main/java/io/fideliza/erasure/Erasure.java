package io.fideliza.erasure;

import static io.fideliza.contract.Columns.CUSTOMER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fideliza.contract.OutputDataset;
import io.fideliza.run.StopSignal;
import io.fideliza.spark.Publisher;
import io.fideliza.spark.RunLock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Erases customers from an output folder (contract: {@code fideliza forget}): their rows go from every published
 * Parquet partition, every export CSV and every model's training customers; each run date is rewritten under its
 * lock and published all or nothing, like a run. Counts in manifests are kept: they name no one.
 */
public final class Erasure {
    private static final FsPermission FOLDER_PERMISSION = new FsPermission((short) 0750);
    /** A character that may be part of an id: an id matches only as a whole token in free text (C1 is not in C10). */
    private static final String ID_CHAR = "[A-Za-z0-9_.@-]";

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path root;

    /** What an erasure removed. */
    public record Result(int customers, long rows, int partitions, int files, int models, List<String> repairs) {
        /** One line: counts only, never an id. */
        public String summary() {
            return String.format("forgot %d customers: %d rows removed from %d Parquet partitions, %d export files "
                    + "and %d model folders; manifests keep their counts", customers, rows, partitions, files, models);
        }
    }

    public Erasure(SparkSession spark, String outputDir) throws IOException {
        this.spark = spark;
        Path p = new Path(outputDir);
        this.fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.setWriteChecksum(false);
        if (!fs.exists(p)) {
            throw new io.fideliza.contract.InputError("output folder not found: " + outputDir);
        }
        this.root = fs.makeQualified(p);
    }

    /** The ids in a file of one customer_id a line; blank lines and lines starting with # are skipped. */
    public static Set<String> readIds(java.nio.file.Path file) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String id = line.strip().replace("\uFEFF", "");
            if (!id.isEmpty() && !id.startsWith("#")) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Removes {@code ids} from everything the output folder holds. */
    public Result forget(Set<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return new Result(0, 0, 0, 0, 0, List.of());
        }
        long[] rows = {0};
        int partitions = 0;
        int files = 0;
        List<String> repairs = new ArrayList<>();
        for (LocalDate date : runDates()) {
            try (RunLock lock = RunLock.acquire(fs, new Path(root, "_locks/run_date=" + date + ".lock"),
                    Duration.ofMinutes(10))) {
                Publisher publisher = new Publisher(fs, root, date, StopSignal.JVM, step -> { });
                publisher.repair().ifPresent(repairs::add);
                Path staging = new Path(root, "_staging/forget/run_date=" + date);
                fs.delete(staging, true);
                List<Publisher.Move> moves = new ArrayList<>();
                for (Path partition : partitions(date)) {
                    Path staged = new Path(staging, publisher.relative(partition));
                    boolean changed;
                    if (partition.getParent().getName().equals(OutputDataset.EXPORTS.folder())) {
                        int n = rewriteExports(partition, staged, ids);
                        files += n;
                        changed = n > 0;
                    } else {
                        long n = rewriteParquet(partition, staged, ids);
                        rows[0] += n;
                        changed = n > 0;
                        partitions += changed ? 1 : 0;
                    }
                    if (changed) {
                        String target = publisher.relative(partition);
                        moves.add(new Publisher.Move(publisher.relative(staged), target,
                                publisher.relative(publisher.backups()) + "/" + target.replace('/', '~')));
                    }
                }
                if (!moves.isEmpty()) {
                    publisher.publish(moves, null, UUID.randomUUID().toString());
                }
                fs.delete(staging, true);
            }
        }
        int models = forgetInModels(ids, rows);
        fs.delete(new Path(root, "_staging/forget"), true);
        deleteIfEmpty(new Path(root, "_staging"));
        return new Result(ids.size(), rows[0], partitions, files, models, repairs);
    }

    /** Every run date any dataset holds a partition of. */
    private Set<LocalDate> runDates() throws IOException {
        Set<LocalDate> dates = new TreeSet<>();
        for (Path dir : datasetFolders()) {
            for (FileStatus s : fs.listStatus(dir)) {
                date(s.getPath()).ifPresent(dates::add);
            }
        }
        return dates;
    }

    /** The published datasets' folders: those at the root and, for quarantine, one per input. */
    private List<Path> datasetFolders() throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (FileStatus s : fs.listStatus(root)) {
            String n = s.getPath().getName();
            if (!s.isDirectory() || n.startsWith("_") || n.startsWith(".")) {
                continue;
            }
            if (n.equals(OutputDataset.QUARANTINE.folder())) {
                for (FileStatus q : fs.listStatus(s.getPath())) {
                    if (q.isDirectory()) {
                        dirs.add(q.getPath());
                    }
                }
            } else {
                dirs.add(s.getPath());
            }
        }
        return dirs;
    }

    private List<Path> partitions(LocalDate date) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : datasetFolders()) {
            Path p = new Path(dir, "run_date=" + date);
            if (fs.exists(p)) {
                found.add(p);
            }
        }
        return found;
    }

    private static java.util.Optional<LocalDate> date(Path p) {
        String n = p.getName();
        if (!n.startsWith("run_date=")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(n.substring("run_date=".length())));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Writes the Parquet folder {@code dir} without the customers' rows to {@code staged}, when it holds any.
     *
     * @return the rows removed (0: nothing written; a folder that is not Parquet is left as it is)
     */
    private long rewriteParquet(Path dir, Path staged, Set<String> ids) throws IOException {
        if (!holdsParquet(dir)) {
            return 0;
        }
        Dataset<Row> rows = spark.read().parquet(dir.toString());
        Column theirs = theirs(rows, ids);
        long removed = rows.filter(theirs).count();
        if (removed > 0) {
            rows.filter(theirs.unary_$bang()).write().parquet(staged.toString());
        }
        return removed;
    }

    /** A row of theirs: its customer_id is one of them, or a text column (a quarantined raw record) names one. */
    private static Column theirs(Dataset<Row> rows, Set<String> ids) {
        Column match = lit(false);
        String token = tokens(ids);
        for (StructField f : rows.schema().fields()) {
            if (f.name().equals(CUSTOMER_ID)) {
                match = match.or(col(CUSTOMER_ID).isin(ids.toArray()).and(col(CUSTOMER_ID).isNotNull()));
            } else if (f.dataType().equals(DataTypes.StringType)) {
                match = match.or(col(f.name()).rlike(token).and(col(f.name()).isNotNull()));
            }
        }
        return match;
    }

    /** Any of the ids as a whole token in free text. */
    private static String tokens(Set<String> ids) {
        String notId = "[^" + ID_CHAR.substring(1);
        return "(^|" + notId + ")(" + ids.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")($|"
                + notId + ")";
    }

    private boolean holdsParquet(Path dir) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isFile() && s.getPath().getName().endsWith(".parquet")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies an exports folder to {@code staged}, each CSV without the customers' rows (its byte order mark,
     * delimiter and line ends kept), when any CSV in it held one.
     *
     * @return the CSV files rewritten (0: nothing staged)
     */
    private int rewriteExports(Path dir, Path staged, Set<String> ids) throws IOException {
        FileUtil.copy(fs, dir, fs, staged, false, fs.getConf());
        int rewritten = 0;
        for (Path csv : csvFiles(staged)) {
            rewritten += rewriteCsv(csv, ids) ? 1 : 0;
        }
        if (rewritten == 0) {
            fs.delete(staged, true);
        }
        return rewritten;
    }

    private List<Path> csvFiles(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        var it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            Path p = it.next().getPath();
            if (p.getName().endsWith(".csv")) {
                found.add(p);
            }
        }
        return found;
    }

    /** Rewrites one export CSV in place without the customers' rows; false when it held none. */
    private boolean rewriteCsv(Path file, Set<String> ids) throws IOException {
        byte[] bytes;
        try (InputStream in = fs.open(file)) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean bom = text.startsWith("\uFEFF");
        if (bom) {
            text = text.substring(1);
        }
        int eol = text.indexOf('\n');
        String header = eol < 0 ? text : text.substring(0, eol);
        char delimiter = header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        String separator = eol > 0 && text.charAt(eol - 1) == '\r' ? "\r\n" : "\n";
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setRecordSeparator(separator).get();
        List<CSVRecord> records;
        try (Reader r = new java.io.StringReader(text); CSVParser parser = format.parse(r)) {
            records = parser.getRecords();
        }
        if (records.isEmpty()) {
            return false;
        }
        List<String> head = records.get(0).toList();
        int idColumn = head.indexOf(CUSTOMER_ID);
        Pattern token = Pattern.compile(tokens(ids));
        List<CSVRecord> kept = new ArrayList<>();
        kept.add(records.get(0));
        for (CSVRecord rec : records.subList(1, records.size())) {
            boolean theirs = idColumn >= 0 && idColumn < rec.size() && ids.contains(rec.get(idColumn))
                    || rec.stream().anyMatch(v -> token.matcher(v).find());
            if (!theirs) {
                kept.add(rec);
            }
        }
        if (kept.size() == records.size()) {
            return false;
        }
        try (OutputStream out = fs.create(file, true)) {
            if (bom) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CSVPrinter printer = new CSVPrinter(w, format);
            for (CSVRecord rec : kept) {
                printer.printRecord(rec.toList());
            }
            printer.flush();
        }
        return true;
    }

    /**
     * Every Parquet folder inside a saved model that names customers (the segment model's training customers):
     * rewritten without them, each swapped in by renames under the models' lock.
     */
    private int forgetInModels(Set<String> ids, long[] rows) throws IOException {
        Path models = new Path(root, OutputDataset.MODELS.folder());
        if (!fs.exists(models)) {
            return 0;
        }
        int rewritten = 0;
        try (RunLock lock = RunLock.acquire(fs, new Path(root, "_locks/models.lock"), Duration.ofMinutes(10))) {
            for (Path dir : parquetFolders(models)) {
                String rel = dir.toString().substring(root.toString().length() + 1);
                Path staged = new Path(root, "_staging/forget/" + rel);
                long n = rewriteParquet(dir, staged, ids);
                if (n > 0) {
                    Path aside = new Path(root, "_trash/forget/" + rel.replace('/', '~'));
                    fs.mkdirs(aside.getParent(), FOLDER_PERMISSION);
                    fs.delete(aside, true);
                    rename(dir, aside);
                    rename(staged, dir);
                    fs.delete(aside, true);
                    rows[0] += n;
                    rewritten++;
                }
            }
        }
        fs.delete(new Path(root, "_trash/forget"), true);
        deleteIfEmpty(new Path(root, "_trash"));
        return rewritten;
    }

    private List<Path> parquetFolders(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (holdsParquet(dir)) {
            found.add(dir);
            return found;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory()) {
                found.addAll(parquetFolders(s.getPath()));
            }
        }
        return found;
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to);
        }
    }

    private void deleteIfEmpty(Path dir) throws IOException {
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }
}
