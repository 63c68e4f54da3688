package io.fideliza.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reasons, messages, dates, amounts and delimiters in Spanish and English from the bundles. */
class MessagesTest {
    static final Messages ES = Messages.of("es", "en", "EUR");
    static final Messages MX = Messages.of("es-MX", "en", "EUR");
    static final Messages EN = Messages.of("en", "es", "EUR");

    @Test
    void reasonsFromCodesAndArguments() {
        assertEquals("sin pedidos desde hace 202 días", ES.reason("no_order", List.of("202")));
        assertEquals("no order for 202 days", EN.reason("no_order", List.of("202")));
        assertEquals("le toca reponer Tinta negra el 10/07/2026 (en espera hasta el 12/07/2026 por el límite de "
                + "contactos)", ES.reason("refill_due+held_by_cap", List.of("Tinta negra", "2026-07-10", "2026-07-12")));
        assertEquals("incidencia abierta: contacto personal para resolverlo, sin oferta",
                ES.reason("why_problem+recovery_contact", List.of("open support ticket")));
        assertEquals("en la cola de atención (CSAT bajo): ya contactado el 28/06/2026; en la cola de atención "
                        + "(CSAT bajo) hasta que se resuelva, sin marketing mientras tanto",
                ES.reason("why_care_queue+recovery_contacted+care_queue_until+no_marketing_meanwhile",
                        List.of("low_csat", "2026-06-28", "low_csat")));
        assertEquals("in the care queue (low_csat): already contacted on 2026-06-28; in the care queue (low_csat) "
                        + "until it is put right, no marketing meanwhile",
                EN.reason("why_care_queue+recovery_contacted+care_queue_until+no_marketing_meanwhile",
                        List.of("low_csat", "2026-06-28", "low_csat")));
        assertEquals("¿qué tal lo hicimos? una encuesta CSAT tras la incidencia T7 resuelta el 28/06/2026",
                ES.reason("feedback", List.of("CSAT", "ticket T7 resolved on 2026-06-28")));
        assertEquals("how did we do? a NPS survey after first order on 2026-06-26",
                EN.reason("feedback", List.of("NPS", "first order on 2026-06-26")));
        assertEquals("Delivery goes with their Return", EN.reason("goes_with", List.of("Delivery", "Return")),
                "product names are never translated as terms");
    }

    @Test
    void messagesNamesAndFormats() {
        assertEquals("Hola Lucía, ¡te echamos de menos! Vuelve y descubre Café, Filtros y Tazas.",
                ES.message("win_back", "Lucía", ES.list(List.of("Café", "Filtros", "Tazas"))));
        assertEquals("Hello, we miss you! Come back and see what is new.", EN.message("win_back", " ", ""));
        assertEquals("Fieles 2", ES.segment("Loyal 2"));
        assertEquals("Clientes fiéles", ES.segment("Clientes fiéles"), "a name the bundle does not know stays");
        assertEquals("Recordatorio de reposición", MX.action("replenishment_reminder"));
        assertEquals("es-MX", MX.languageTag());
        assertEquals("01/07/2026", ES.date(LocalDate.of(2026, 7, 1)));
        assertEquals("2026-07-01", EN.date(LocalDate.of(2026, 7, 1)));
        assertEquals("1 de julio de 2026", ES.longDate(LocalDate.of(2026, 7, 1)));
        assertEquals("1.234,50\u00a0€", ES.money(1234.5));
        assertEquals("€1,234.50", EN.money(1234.5));
        assertEquals(';', ES.delimiter());
        assertEquals(',', EN.delimiter());
        assertEquals("en", Messages.of("fr", "en", "EUR").languageTag(), "a language without messages: the run's");
    }
}
