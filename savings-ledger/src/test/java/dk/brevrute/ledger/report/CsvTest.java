package dk.brevrute.ledger.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void bomSemicolonsDecimalCommaQuotingAndNoFormulas() {
        String csv = new Csv().row(Arrays.asList("name", "amount", "count", "empty"))
                .row(Arrays.asList("Børne; og Unge \"BUF\"", new BigDecimal("-1234.50"), 7, null))
                .row(Arrays.asList("=HYPERLINK(1)", new BigDecimal("0.10"), 0L, "x")).toString();
        assertEquals("\uFEFFname;amount;count;empty\r\n"
                + "\"Børne; og Unge \"\"BUF\"\"\";-1234,50;7;\r\n"
                + "'=HYPERLINK(1);0,10;0;x\r\n", csv);
    }
}
