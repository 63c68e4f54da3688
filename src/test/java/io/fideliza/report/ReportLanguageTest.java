package io.fideliza.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.language.Messages;
import io.fideliza.report.ReportFacts.Migration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report in the run's language: {@code <html lang>}, headings, sentences, dates, numbers and names. */
class ReportLanguageTest {
    static final ReportFacts FACTS = HtmlReportTest.facts(List.of(new Migration(null, 1, 1200),
            new Migration(null, 2, 300)));

    private static String render(String language) {
        return HtmlReport.render(FACTS, OutcomeFacts.NONE, CareFacts.NONE, Messages.of(language, "en", "EUR"));
    }

    @Test
    void spanishPage() {
        String html = render("es");
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"es\">\n"), html.substring(0, 40));
        assertTrue(html.contains("<title>Informe de clientes de Fideliza, 30 de junio de 2026</title>"));
        assertTrue(html.contains("<header><p class=\"kicker\">Fideliza · informe nocturno de clientes</p>"
                + "<h1>Nuestros clientes el 30 de junio de 2026</h1><p class=\"lede\">Quiénes son nuestros clientes, "
                + "cómo le va a cada grupo y qué haremos a continuación por cada uno. Hecho con los datos de esta "
                + "noche; nada de esta página viene de internet.</p></header>"));
        assertTrue(html.contains("<section id=\"sizes\"><h2>Cuántos clientes tiene cada grupo</h2><p class=\"explain\">"
                + "Los clientes con hábitos parecidos se agrupan en segmentos. Cada barra es un segmento; cuanto más "
                + "larga, más clientes.</p>"));
        assertTrue(html.contains("<h2>Qué haremos por cada segmento</h2>"));
        assertTrue(html.contains("<h2>A dónde se movieron los clientes desde la última ejecución</h2>"
                + "<p class=\"explain\">Esta es la primera ejecución: todavía no hay una anterior con la que comparar."));
        assertTrue(html.contains("<h2>Calidad de los datos</h2>"));
        assertTrue(html.contains("<span class=\"value\">1.500</span><span class=\"label\">clientes</span>"),
                "counts grouped as Spanish writes them");
        assertTrue(html.contains(">Recuperar cliente</span>"), "the actions' legend in Spanish");
        assertTrue(html.contains(">1.200 clientes · 80%</text>"), "a segment's bar");
        assertTrue(html.contains(">60% · 900 de 1.500</text>"), "customers with any recommendation");
        assertTrue(html.contains(">Productos que combinan con sus compras</text>"));
        assertTrue(html.contains("<footer>Fideliza · ejecución del 30/06/2026 · los datos de esta página están en la "
                + "carpeta de salida de la ejecución.</footer>"));
        assertFalse(html.contains("How big is each group"));
    }

    @Test
    void englishPage() {
        String html = render("en");
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n"), html.substring(0, 40));
        assertTrue(html.contains("<title>Fideliza customer report, 30 June 2026</title>"));
        assertTrue(html.contains("<h1>Our customers on 30 June 2026</h1>"));
        assertTrue(html.contains("<section id=\"sizes\"><h2>How big is each group of customers</h2><p class=\"explain\">"
                + "Customers with similar habits are grouped into segments. Each bar is one segment; the longer the "
                + "bar, the more customers.</p>"));
        assertTrue(html.contains("<span class=\"value\">1,500</span><span class=\"label\">customers</span>"));
        assertTrue(html.contains(">Win back</span>"));
        assertTrue(html.contains("<footer>Fideliza · run of 2026-06-30 · the data behind this page is in the run&#39;s "
                + "output folder.</footer>"));
        assertEquals(HtmlReport.render(FACTS), html, "English is the page without a language");
    }
}
