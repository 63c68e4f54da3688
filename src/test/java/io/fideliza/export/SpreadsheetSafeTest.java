package io.fideliza.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpreadsheetSafeTest {
    @Test
    void formulaLikeCellsBecomeText() {
        assertEquals("'=HYPERLINK(\"http://x\")", SpreadsheetSafe.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("'+34 600", SpreadsheetSafe.cell("+34 600"));
        assertEquals("'-2+3", SpreadsheetSafe.cell("-2+3"));
        assertEquals("'@SUM(A1)", SpreadsheetSafe.cell("@SUM(A1)"));
        assertEquals("'\tx", SpreadsheetSafe.cell("\tx"));
        assertEquals("'\rx", SpreadsheetSafe.cell("\rx"));
        assertEquals("Caf\u00e9 = good", SpreadsheetSafe.cell("Caf\u00e9 = good"));
        assertEquals("", SpreadsheetSafe.cell(""));
    }

    @Test
    void fileNamesAreSafeAsciiSlugs() {
        assertEquals("at-risk", SpreadsheetSafe.fileName("At risk", "x"));
        assertEquals("clientes-fieles", SpreadsheetSafe.fileName("Clientes fi\u00e9les", "x"));
        assertEquals("etc-passwd", SpreadsheetSafe.fileName("../../etc/passwd", "x"));
        assertEquals("segment-3", SpreadsheetSafe.fileName("\u2603\u2603", "segment-3"));
    }
}
