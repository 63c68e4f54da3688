package io.fideliza.export;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.ExportSettings;
import io.fideliza.contract.OutputSchemas;
import io.fideliza.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaign files and segment files of hand-built plans for Spanish, Mexican, English and French customers: each row
 * in the customer's language, headers and dates in the run's, contact details only with consent and for the
 * channel, and the rows new or changed since the last run.
 */
@SparkTest
class CampaignExporterTest {
    static final LocalDate RUN = LocalDate.of(2026, 6, 30);

    private final SparkSession spark;

    @TempDir
    Path out;

    CampaignExporterTest(SparkSession spark) {
        this.spark = spark;
    }

    static Row plan(String customer, int segment, String segmentName, String action, String channel, String sendOn,
                    List<String> ids, List<String> names, String reason, String code, List<String> args,
                    boolean control) {
        return RowFactory.create(customer, segment, segmentName, action, channel,
                sendOn == null ? null : Date.valueOf(sendOn), 5, seq(ids), reason, "win-back-10", seq(names), null,
                control, code, seq(args));
    }

    static Object seq(List<String> values) {
        return scala.jdk.javaapi.CollectionConverters.asScala(values).toSeq();
    }

    Dataset<Row> plans() {
        return spark.createDataFrame(List.of(
                plan("C1", 2, "At risk", "win_back", "email", "2026-07-01", List.of("P1", "P2"),
                        List.of("Café molido", "Filtros"), "no order for 202 days", "no_order", List.of("202"), false),
                plan("C2", 2, "At risk", "win_back", "sms", "2026-07-02", List.of("P3"), List.of("Tea"),
                        "no order for 120 days", "no_order", List.of("120"), false),
                plan("C3", 2, "At risk", "win_back", "email", "2026-07-01", List.of("P3"), List.of("Tea"),
                        "no order for 99 days", "no_order", List.of("99"), false),
                plan("C4", 2, "At risk", "win_back", "email", "2026-07-01", List.of("P3"), List.of("Tea"),
                        "no order for 130 days (control group: planned, not sent)", "no_order+held_out",
                        List.of("130"), true),
                plan("C5", 2, "At risk", "win_back", "email", "2026-07-01", List.of("P1"), List.of("Café molido"),
                        "no order for 140 days (held until 2026-07-01 by the contact cap)", "no_order+held_by_cap",
                        List.of("140", "2026-07-01"), false),
                plan("C6", 1, "Loyal 2", "cart_recovery", "phone", "2026-07-01", List.of("P1"), List.of("Café molido"),
                        "left Café molido in the cart", "cart_left", List.of("Café molido"), false),
                plan("C7", 1, "Loyal 2", "nurture", "none", null, List.of(), List.of(),
                        "no marketing consent: not contacted", "no_consent", List.of(), false)),
                OutputSchemas.ACTION_PLANS);
    }

    Dataset<Row> customers() {
        StructType schema = new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(EMAIL, DataTypes.StringType)
                .add(PHONE, DataTypes.StringType).add(FIRST_NAME, DataTypes.StringType)
                .add(LANGUAGE, DataTypes.StringType);
        return spark.createDataFrame(List.of(
                RowFactory.create("C1", "lucia@example.com", "+34 600 000 001", "Lucía", "es"),
                RowFactory.create("C2", "emma@example.com", "+44 7700 900123", "Emma", "en"),
                RowFactory.create("C3", "diego@example.com", "+52 55 0000 0003", "Diego", "es-MX"),
                RowFactory.create("C4", "ana@example.com", null, "Ana", "es"),
                RowFactory.create("C5", "marie@example.com", null, "Marie", "fr"),
                RowFactory.create("C6", "=hugo@example.com", "+34 600 000 006", null, "es-MX"),
                RowFactory.create("C7", "x@example.com", null, "Inés", "es")), schema);
    }

    Dataset<Row> features() {
        StructType schema = new StructType().add(CUSTOMER_ID, DataTypes.StringType)
                .add(CONTACTABLE, DataTypes.BooleanType);
        return spark.createDataFrame(List.of(RowFactory.create("C1", true), RowFactory.create("C2", true),
                RowFactory.create("C3", false), RowFactory.create("C4", true), RowFactory.create("C5", true),
                RowFactory.create("C6", true), RowFactory.create("C7", false)), schema);
    }

    /** Last run: C1 with the same send, C5 with another date, C6 by email; C2 and C6's phone call are new. */
    Dataset<Row> lastRun() {
        return spark.createDataFrame(List.of(
                plan("C1", 2, "At risk", "win_back", "email", "2026-07-01", List.of("P1", "P2"),
                        List.of("Café molido", "Filtros"), "no order for 201 days", "no_order", List.of("201"), false),
                plan("C5", 2, "At risk", "win_back", "email", "2026-06-30", List.of("P1"), List.of("Café molido"),
                        "no order for 139 days", "no_order", List.of("139"), false),
                plan("C6", 1, "Loyal 2", "cart_recovery", "email", "2026-06-30", List.of("P1"), List.of("Café molido"),
                        "left Café molido in the cart", "cart_left", List.of("Café molido"), false)),
                OutputSchemas.ACTION_PLANS);
    }

    private Map<String, Long> exportCampaigns(ExportSettings settings, Optional<Dataset<Row>> previous)
            throws Exception {
        FileSystem fs = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
        return CampaignExporter.of(settings, customers(), fs, new org.apache.hadoop.fs.Path(out.toString()), RUN)
                .write(plans(), customers(), features(), previous);
    }

    private String read(String file) throws Exception {
        byte[] bytes = Files.readAllBytes(out.resolve(file));
        assertEquals((byte) 0xEF, bytes[0], "a byte order mark, so spreadsheets read UTF-8");
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void spanishRunWritesEachCustomerInTheirLanguageAndOnlyTheNewRowsBeside() throws Exception {
        // Language auto: most customers write Spanish, so headers, dates and the delimiter are Spanish; Emma reads
        // English, Marie (fr, no messages) the run's Spanish. Not C3 (no consent), C4 (control) nor C7 (channel none).
        Map<String, Long> written = exportCampaigns(JobConfig.defaults().export(), Optional.of(lastRun()));

        assertEquals(Map.of("campaigns/win_back-email.csv", 2L, "campaigns/win_back-email.new.csv", 1L,
                "campaigns/win_back-sms.csv", 1L, "campaigns/win_back-sms.new.csv", 1L,
                "campaigns/cart_recovery-phone.csv", 1L, "campaigns/cart_recovery-phone.new.csv", 1L,
                "campaigns/_summary.csv", 3L), written);
        assertEquals(String.join("\r\n",
                "cliente;nombre;idioma;email;enviar_el;prioridad;productos;mensaje;oferta;motivo;segmento;id_pro"
                        + "ductos;id_segmento;acción_código;canal_código;motivo_código",
                "C1;Lucía;es;lucia@example.com;01/07/2026;5;Café molido | Filtros;Hola Lucía, ¡te echamos de men"
                        + "os! Vuelve y descubre Café molido y Filtros.;win-back-10;sin pedidos desde hace 202 días;En rie"
                        + "sgo;P1 | P2;2;win_back;email;no_order",
                "C5;Marie;es;marie@example.com;01/07/2026;5;Café molido;Hola Marie, ¡te echamos de menos! Vuelve"
                        + " y descubre Café molido.;win-back-10;sin pedidos desde hace 140 días (en espera hasta el 01/07/"
                        + "2026 por el límite de contactos);En riesgo;P1;2;win_back;email;no_order+held_by_cap",
                ""), read("campaigns/win_back-email.csv"));
        assertEquals(String.join("\r\n",
                "cliente;nombre;idioma;email;enviar_el;prioridad;productos;mensaje;oferta;motivo;segmento;id_pro"
                        + "ductos;id_segmento;acción_código;canal_código;motivo_código;cambio",
                "C5;Marie;es;marie@example.com;01/07/2026;5;Café molido;Hola Marie, ¡te echamos de menos! Vuelve"
                        + " y descubre Café molido.;win-back-10;sin pedidos desde hace 140 días (en espera hasta el 01/07/"
                        + "2026 por el límite de contactos);En riesgo;P1;2;win_back;email;no_order+held_by_cap;cambiado",
                ""), read("campaigns/win_back-email.new.csv"));
        assertEquals(String.join("\r\n",
                "cliente;nombre;idioma;teléfono;enviar_el;prioridad;productos;mensaje;oferta;motivo;segmento;id_"
                        + "productos;id_segmento;acción_código;canal_código;motivo_código",
                "C2;Emma;en;'+44 7700 900123;02/07/2026;5;Tea;Hello Emma, we miss you! Come back and see Tea.;wi"
                        + "n-back-10;no order for 120 days;At risk;P3;2;win_back;sms;no_order",
                ""), read("campaigns/win_back-sms.csv"));
        assertEquals(String.join("\r\n",
                "cliente;nombre;idioma;teléfono;enviar_el;prioridad;productos;mensaje;oferta;motivo;segmento;id_"
                        + "productos;id_segmento;acción_código;canal_código;motivo_código",
                "C6;;es-MX;'+34 600 000 006;01/07/2026;5;Café molido;Hola, dejaste Café molido en tu carrito. To"
                        + "davía te espera.;win-back-10;dejó Café molido en el carrito;Fieles 2;P1;1;cart_recovery;phone;c"
                        + "art_left",
                ""), read("campaigns/cart_recovery-phone.csv"));
        assertEquals(String.join("\r\n",
                "archivo;archivo_con_fecha;fecha_de_ejecución;acción_código;canal_código;acción;canal;filas;arch"
                        + "ivo_nuevos;filas_nuevas",
                "cart_recovery-phone.csv;cart_recovery-phone_2026-06-30.csv;2026-06-30;cart_recovery;phone;Recor"
                        + "datorio de carrito;Teléfono;1;cart_recovery-phone.new.csv;1",
                "win_back-email.csv;win_back-email_2026-06-30.csv;2026-06-30;win_back;email;Recuperar cliente;Em"
                        + "ail;2;win_back-email.new.csv;1",
                "win_back-sms.csv;win_back-sms_2026-06-30.csv;2026-06-30;win_back;sms;Recuperar cliente;SMS;1;wi"
                        + "n_back-sms.new.csv;1",
                ""), read("campaigns/_summary.csv"));
    }

    @Test
    void withinADaysSendsTheCustomersWithTheMostValueAtStakeComeFirst() throws Exception {
        Dataset<Row> valued = plans().withColumn(VALUE_AT_STAKE, org.apache.spark.sql.functions.when(
                org.apache.spark.sql.functions.col(CUSTOMER_ID).equalTo("C5"), 900.0).otherwise(10.0));
        FileSystem fs = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
        CampaignExporter.of(JobConfig.defaults().export().withLanguage("en"), customers(), fs,
                new org.apache.hadoop.fs.Path(out.toString()), RUN).write(valued, customers(), features(), Optional.empty());
        List<String> ids = read("campaigns/win_back-email.csv").lines().skip(1).map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("C5", "C1"), ids, "same day and priority: 900 at stake before 10");
    }

    @Test
    void englishRunKeepsCommasAndEnglishHeadersAndEveryRowIsNewOnAFirstRun() throws Exception {
        exportCampaigns(JobConfig.defaults().export().withLanguage("en"), Optional.empty());

        assertEquals(String.join("\r\n",
                "customer_id,first_name,language,email,send_on,priority,product_names,message,offer_id,reason,se"
                        + "gment_name,product_ids,segment_id,action,channel,reason_code",
                "C1,Lucía,es,lucia@example.com,2026-07-01,5,Café molido | Filtros,\"Hola Lucía, ¡te echamos de m"
                        + "enos! Vuelve y descubre Café molido y Filtros.\",win-back-10,sin pedidos desde hace 202 días,En"
                        + " riesgo,P1 | P2,2,win_back,email,no_order",
                "C5,Marie,en,marie@example.com,2026-07-01,5,Café molido,\"Hello Marie, we miss you! Come back an"
                        + "d see Café molido.\",win-back-10,no order for 140 days (held until 2026-07-01 by the contact ca"
                        + "p),At risk,P1,2,win_back,email,no_order+held_by_cap",
                ""), read("campaigns/win_back-email.csv"));
        assertEquals(String.join("\r\n",
                "customer_id,first_name,language,email,send_on,priority,product_names,message,offer_id,reason,se"
                        + "gment_name,product_ids,segment_id,action,channel,reason_code,change",
                "C1,Lucía,es,lucia@example.com,2026-07-01,5,Café molido | Filtros,\"Hola Lucía, ¡te echamos de m"
                        + "enos! Vuelve y descubre Café molido y Filtros.\",win-back-10,sin pedidos desde hace 202 días,En"
                        + " riesgo,P1 | P2,2,win_back,email,no_order,new",
                "C5,Marie,en,marie@example.com,2026-07-01,5,Café molido,\"Hello Marie, we miss you! Come back an"
                        + "d see Café molido.\",win-back-10,no order for 140 days (held until 2026-07-01 by the contact ca"
                        + "p),At risk,P1,2,win_back,email,no_order+held_by_cap,new",
                ""), read("campaigns/win_back-email.new.csv"));
    }

    @Test
    void segmentFilesCarryFirstNameLanguagePhoneAndPriorityInEachCustomersLanguage() throws Exception {
        FileSystem fs = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
        Dataset<Row> segmentPlans = io.fideliza.plan.SegmentPlans.summarize(plans());
        for (String language : List.of("es", "en")) {
            Map<String, Long> written = SegmentExporter.of(JobConfig.defaults().export().withLanguage(language),
                    customers(), fs, new org.apache.hadoop.fs.Path(out.resolve(language).toString()))
                    .write(plans(), segmentPlans, customers(), features());
            assertEquals(Map.of("at-risk.csv", 4L, "loyal-2.csv", 1L, "_summary.csv", 4L), written);
        }
        // The phone only on the SMS and phone rows; C3 without consent keeps its row but no contact detail.
        assertEquals(String.join("\r\n",
                "cliente;nombre;idioma;email;teléfono;segmento;acción;canal;enviar_el;prioridad;oferta;id_produc"
                        + "tos;productos;motivo;id_segmento;acción_código;canal_código;motivo_código",
                "C1;Lucía;es;lucia@example.com;;En riesgo;Recuperar cliente;Email;01/07/2026;5;win-back-10;P1 | "
                        + "P2;Café molido | Filtros;sin pedidos desde hace 202 días;2;win_back;email;no_order",
                "C3;Diego;es-MX;;;En riesgo;Recuperar cliente;Email;01/07/2026;5;win-back-10;P3;Tea;sin pedidos "
                        + "desde hace 99 días;2;win_back;email;no_order",
                "C5;Marie;es;marie@example.com;;En riesgo;Recuperar cliente;Email;01/07/2026;5;win-back-10;P1;Ca"
                        + "fé molido;sin pedidos desde hace 140 días (en espera hasta el 01/07/2026 por el límite de conta"
                        + "ctos);2;win_back;email;no_order+held_by_cap",
                "C2;Emma;en;emma@example.com;'+44 7700 900123;At risk;Win back;SMS;02/07/2026;5;win-back-10;P3;T"
                        + "ea;no order for 120 days;2;win_back;sms;no_order",
                ""), read("es/at-risk.csv"));
        assertEquals(String.join("\r\n",
                "cliente;nombre;idioma;email;teléfono;segmento;acción;canal;enviar_el;prioridad;oferta;id_produc"
                        + "tos;productos;motivo;id_segmento;acción_código;canal_código;motivo_código",
                "C6;;es-MX;'=hugo@example.com;'+34 600 000 006;Fieles 2;Recordatorio de carrito;Teléfono;01/07/2"
                        + "026;5;win-back-10;P1;Café molido;dejó Café molido en el carrito;1;cart_recovery;phone;cart_left",
                ""), read("es/loyal-2.csv"));
        assertEquals(String.join("\r\n",
                "id_segmento;segmento;acción;canal;clientes;primer_envío;último_envío;acción_código;canal_código",
                "1;Fieles 2;Recordatorio de carrito;Teléfono;1;01/07/2026;01/07/2026;cart_recovery;phone",
                "1;Fieles 2;Mantener el contacto;Ninguno;1;;;nurture;none",
                "2;En riesgo;Recuperar cliente;Email;3;01/07/2026;01/07/2026;win_back;email",
                "2;En riesgo;Recuperar cliente;SMS;1;02/07/2026;02/07/2026;win_back;sms",
                ""), read("es/_summary.csv"));
        assertEquals(String.join("\r\n",
                "customer_id,first_name,language,email,phone,segment_name,action_name,channel_name,send_on,prior"
                        + "ity,offer_id,product_ids,product_names,reason,segment_id,action,channel,reason_code",
                "C1,Lucía,es,lucia@example.com,,En riesgo,Recuperar cliente,Email,2026-07-01,5,win-back-10,P1 | "
                        + "P2,Café molido | Filtros,sin pedidos desde hace 202 días,2,win_back,email,no_order",
                "C3,Diego,es-MX,,,En riesgo,Recuperar cliente,Email,2026-07-01,5,win-back-10,P3,Tea,sin pedidos "
                        + "desde hace 99 días,2,win_back,email,no_order",
                "C5,Marie,en,marie@example.com,,At risk,Win back,Email,2026-07-01,5,win-back-10,P1,Café molido,n"
                        + "o order for 140 days (held until 2026-07-01 by the contact cap),2,win_back,email,no_order+held_"
                        + "by_cap",
                "C2,Emma,en,emma@example.com,'+44 7700 900123,At risk,Win back,SMS,2026-07-02,5,win-back-10,P3,T"
                        + "ea,no order for 120 days,2,win_back,sms,no_order",
                ""), read("en/at-risk.csv"));
        assertEquals(String.join("\r\n",
                "segment_id,segment_name,action_name,channel_name,customers,first_send_on,last_send_on,action,ch"
                        + "annel",
                "1,Loyal 2,Cart reminder,Phone,1,2026-07-01,2026-07-01,cart_recovery,phone",
                "1,Loyal 2,Keep in touch,None,1,,,nurture,none",
                "2,At risk,Win back,Email,3,2026-07-01,2026-07-01,win_back,email",
                "2,At risk,Win back,SMS,1,2026-07-02,2026-07-02,win_back,sms",
                ""), read("en/_summary.csv"));
    }
}
