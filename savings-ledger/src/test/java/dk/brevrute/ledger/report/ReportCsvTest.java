package dk.brevrute.ledger.report;

import static dk.brevrute.ledger.LedgerTestSupport.amount;
import static dk.brevrute.ledger.LedgerTestSupport.asFinance;
import static dk.brevrute.ledger.LedgerTestSupport.awaitEntries;
import static dk.brevrute.ledger.LedgerTestSupport.digital;
import static dk.brevrute.ledger.LedgerTestSupport.print;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.Topics;
import dk.brevrute.ledger.LedgerTestSupport;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * May 2013, priced with EXAMPLE-2009 (one sheet saves 5.00, two 5.30): BUF 3 digital + 1 paper,
 * SOF 1 digital + 2 paper. Reports as JSON and as CSV, parsed back; the business case and what-if.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class ReportCsvTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    static boolean booked;

    /** Once per class, but with the application running (REST is not up in a static @BeforeAll). */
    @BeforeEach
    void book() {
        if (booked) {
            return;
        }
        booked = true;
        List<LetterDelivered> letters = List.of(
                digital(UUID.randomUUID(), "BUF", "BUF-1200", "2013-05-02", 1),
                digital(UUID.randomUUID(), "BUF", "BUF-1200", "2013-05-03", 2),
                digital(UUID.randomUUID(), "BUF", "BUF-1300", "2013-05-06", 2),
                print(UUID.randomUUID(), "BUF", "BUF-1200", "2013-05-07", 1, "4.50", "0.90"),
                digital(UUID.randomUUID(), "SOF", "SOF-100", "2013-05-08", 1),
                print(UUID.randomUUID(), "SOF", "SOF-100", "2013-05-09", 1, "4.50", "0.90"),
                print(UUID.randomUUID(), "SOF", "SOF-100", "2013-05-10", 2, "4.50", "1.20"));
        letters.forEach(d -> kafka.send(Topics.LETTERS_DELIVERED, d.letterId().toString(), d));
        letters.forEach(d -> awaitEntries(d.letterId(), 1));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    @Test
    void departmentReportOfAMonth() {
        JsonPath r = asFinance().get("/api/v1/reports/departments?year=2013&month=5").then().statusCode(200).extract().jsonPath();
        assertEquals("2013-05", r.getString("period"));
        assertEquals("table-1", r.getString("planBasis"));
        assertTrue(r.getString("priceLevel").startsWith("2009 prices"), r.getString("priceLevel"));
        String buf = "departments.find { it.department == 'BUF' }";
        String sof = "departments.find { it.department == 'SOF' }";
        assertEquals(3, r.getInt(buf + ".digitalLetters"));
        assertEquals(1, r.getInt(buf + ".printLetters"));
        assertAmount("75.0", amount(r, buf + ".digitalSharePct"));
        assertAmount("33.3", amount(r, sof + ".digitalSharePct"));
        assertAmount("15.60", amount(r, buf + ".realisedGrossSaving")); // 5.00 + 5.30 + 5.30
        assertAmount("5.00", amount(r, sof + ".realisedGrossSaving"));
        assertAmount("0.571429", amount(r, buf + ".distributionKey")); // 4 of 7 letters
        assertAmount("0.428571", amount(r, sof + ".distributionKey"));
        assertAmount("0", amount(r, "departments.find { it.department == 'OKF' }.distributionKey"));
        // The city-wide plan for May: a twelfth of 7,691 t.kr.; the departments' contribution a twelfth of 1,564 t.kr.
        assertAmount("640916.67", amount(r, "totals.plannedGrossSaving"));
        assertAmount("130333.33", amount(r, "totals.contribution"));
        assertAmount("510583.33", amount(r, "totals.plannedNetGain"));
        assertAmount(d("640916.67").multiply(d("0.571429")).setScale(2, RoundingMode.HALF_UP).toPlainString(),
                amount(r, buf + ".plannedGrossSaving"));
        assertAmount("20.60", amount(r, "totals.realisedGrossSaving"));
        assertAmount("-130312.73", amount(r, "totals.realisedNetGain"));
        assertAmount("130312.73", amount(r, "distribution.shortfall"));
        assertAmount("0", amount(r, "distribution.toDepartments"));
        assertAmount("0", amount(r, buf + ".distribution"));

        JsonPath years = asFinance().get("/api/v1/reports/years?from=2013&to=2013").then().statusCode(200).extract().jsonPath();
        assertAmount("20.60", amount(years, "[0].totals.realisedGrossSaving"));
        assertAmount("7691000.00", amount(years, "[0].totals.plannedGrossSaving"));
        JsonPath months = asFinance().get("/api/v1/reports/months?year=2013").then().statusCode(200).extract().jsonPath();
        assertEquals(12, months.getList("").size());
        assertAmount("57.1", amount(months, "[4].totals.digitalSharePct")); // 4 of 7
        assertNull(months.get("[5].totals.digitalSharePct"), "no letters in June");
    }

    @Test
    void departmentCsvParsesBackWithTheRightColumnsAndDecimals() {
        Response response = asFinance().get("/api/v1/reports/departments.csv?year=2013&month=5");
        response.then().statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition", startsWith("attachment"));
        assertTrue(response.contentType().toLowerCase().contains("charset=utf-8"), response.contentType());
        List<Map<String, String>> rows = parse(response.asByteArray(), ReportResource.DEPARTMENT_COLUMNS);
        JsonPath json = asFinance().get("/api/v1/reports/departments?year=2013&month=5").then().extract().jsonPath();

        Map<String, String> buf = row(rows, "BUF");
        assertEquals("15,60", buf.get("realised_gross_saving_dkk"));
        assertEquals("75,0", buf.get("digital_share_pct"));
        assertEquals("0,571429", buf.get("distribution_key"));
        assertEquals("Børne- og Ungdomsforvaltningen", buf.get("name"));
        Map<String, String> fields = Map.ofEntries(Map.entry("digital_letters", "digitalLetters"),
                Map.entry("print_letters", "printLetters"), Map.entry("letters", "letters"),
                Map.entry("digital_share_pct", "digitalSharePct"), Map.entry("distribution_key", "distributionKey"),
                Map.entry("realised_gross_saving_dkk", "realisedGrossSaving"), Map.entry("planned_gross_saving_dkk", "plannedGrossSaving"),
                Map.entry("realisation_pct", "realisationPct"), Map.entry("contribution_dkk", "contribution"),
                Map.entry("realised_net_gain_dkk", "realisedNetGain"), Map.entry("planned_net_gain_dkk", "plannedNetGain"),
                Map.entry("distribution_dkk", "distribution"), Map.entry("print_cost_dkk", "printCost"),
                Map.entry("digital_fees_dkk", "digitalFees"));
        for (String department : List.of("BUF", "SOF", "OKF")) {
            Map<String, String> csv = row(rows, department);
            fields.forEach((column, field) -> {
                String cell = csv.get(column);
                BigDecimal expected = amount(json, "departments.find { it.department == '" + department + "' }." + field);
                if (expected == null) {
                    assertEquals("", cell, department + " " + column);
                } else {
                    assertTrue(!cell.contains("."), "decimal comma, no point: " + cell);
                    assertEquals(0, expected.compareTo(new BigDecimal(cell.replace(',', '.'))), department + " " + column + ": " + cell);
                }
            });
        }
        assertEquals("20,60", row(rows, "TOTAL").get("realised_gross_saving_dkk"));
        assertEquals("0,00", row(rows, "PRIORITY_POOL").get("distribution_dkk"));
    }

    @Test
    void costCentreExportForTheFinanceSystem() {
        Response response = asFinance().get("/api/v1/reports/cost-centres.csv?year=2013&month=5");
        response.then().statusCode(200).contentType(startsWith("text/csv"));
        List<Map<String, String>> rows = parse(response.asByteArray(), ReportResource.COST_CENTRE_COLUMNS);
        Map<String, Map<String, String>> byCentre = new HashMap<>();
        rows.forEach(r -> byCentre.put(r.get("cost_centre"), r));
        assertEquals("2013-05", byCentre.get("BUF-1200").get("period"));
        assertEquals("2", byCentre.get("BUF-1200").get("digital_letters"));
        assertEquals("1", byCentre.get("BUF-1200").get("print_letters"));
        assertEquals("10,30", byCentre.get("BUF-1200").get("realised_gross_saving_dkk")); // 5.00 + 5.30
        assertEquals("5,40", byCentre.get("BUF-1200").get("print_cost_dkk"));
        assertEquals("5,30", byCentre.get("BUF-1300").get("realised_gross_saving_dkk"));
        assertEquals("SOF", byCentre.get("SOF-100").get("department"));
        assertEquals("11,10", byCentre.get("SOF-100").get("print_cost_dkk")); // 5.40 + 5.70
        assertEquals(3, rows.size());
    }

    @Test
    void businessCaseServesSourceCellsVerbatimAndTheDerivedCellsBesideThem() {
        JsonPath bc = asFinance().get("/api/v1/business-case?to=2020").then().statusCode(200).extract().jsonPath();
        assertEquals(-2693, bc.getInt("sourceCells.find { it.line == 'investment_total' }.cells.'2011'"));
        assertEquals(1078, bc.getInt("sourceCells.find { it.line == 'technical_gain_to_priority_pool' }.cells.'2010'"));
        assertEquals(40, bc.getList("derivedCells").size());
        assertEquals(22, bc.getList("roundingDifferences").size()); // as listed in Table1Test
        String cell = "roundingDifferences.find { it.line == 'investment_total' && it.year == 2011 }";
        assertEquals(-2694, bc.getInt(cell + ".computed"));
        assertEquals(-2693, bc.getInt(cell + ".source"));
        assertEquals(-1, bc.getInt(cell + ".difference"));
        assertAmount("7691", amount(bc, "plan.find { it.year == 2013 }.grossSaving"));
        assertAmount("6041", amount(bc, "plan.find { it.year == 2011 }.grossSaving"));
        assertEquals("continued-from-2018", bc.getString("plan.find { it.year == 2020 }.basis"));

        asFinance().contentType(ContentType.JSON).body(Map.of("year", 2013, "amountDkk", 1_500_000, "note", "invoice 77"))
                .post("/api/v1/business-case/actual-investments").then().statusCode(204);
        asFinance().get("/api/v1/business-case?to=2020").then().statusCode(200)
                .body("plan.find { it.year == 2013 }.actualInvestment.enteredBy", equalTo(LedgerTestSupport.FINANCE_USER))
                .body("plan.find { it.year == 2013 }.actualInvestmentTkr", equalTo(-1500));
        asFinance().contentType(ContentType.JSON).body(Map.of("year", 2018, "fromInvestmentPool", 0, "fromDepartments", -1, "gainTotal", 1))
                .post("/api/v1/business-case/plan-years").then().statusCode(422);
    }

    /** 2012: a price index of 120 and a profile that puts the whole year in May. */
    @Test
    void priceIndexAndMonthlyProfileChangeThePlanShown() {
        List<Integer> weights = Arrays.asList(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
        asFinance().contentType(ContentType.JSON).body(Map.of("year", 2012, "weights", weights))
                .post("/api/v1/business-case/monthly-profiles").then().statusCode(204);
        asFinance().contentType(ContentType.JSON).body(Map.of("year", 2012, "index", 120))
                .post("/api/v1/business-case/price-indices").then().statusCode(204);
        JsonPath may = asFinance().get("/api/v1/reports/departments?year=2012&month=5").then().statusCode(200).extract().jsonPath();
        assertAmount("8114400.00", amount(may, "totals.plannedGrossSaving")); // 6,762 t.kr. x 1.20, all of it in May
        assertTrue(may.getString("priceLevel").startsWith("2012 prices"), may.getString("priceLevel"));
        JsonPath june = asFinance().get("/api/v1/reports/departments?year=2012&month=6").then().statusCode(200).extract().jsonPath();
        assertAmount("0", amount(june, "totals.plannedGrossSaving"));
    }

    @Test
    void whatIfRecomputesThePlan() {
        JsonPath a = asFinance().contentType(ContentType.JSON)
                .body(Map.of("digitalSharePct", 50, "tariffId", "EXAMPLE-2009", "fromYear", 2013, "toYear", 2014))
                .post("/api/v1/what-if").then().statusCode(200).extract().jsonPath();
        assertAmount("5.30", amount(a, "savingPerLetterDkk")); // two sheets by default
        assertEquals(1_500_000, a.getInt("digitalLettersPerYear")); // half of 3,000,000
        assertAmount("7950", amount(a, "years[0].grossSaving"));
        assertAmount("6386", amount(a, "years[0].netGain")); // 7950 - 1564
        assertEquals(true, a.getBoolean("exampleTariff"));
        asFinance().contentType(ContentType.JSON).body(Map.of("digitalSharePct", 150, "tariffId", "nope"))
                .post("/api/v1/what-if").then().statusCode(422);
    }

    /** Parses CSV as a Danish spreadsheet would: BOM, ';', CRLF; quoted cells may hold ';'. */
    static List<Map<String, String>> parse(byte[] body, List<String> expectedColumns) {
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "UTF-8 byte-order mark");
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "CRLF line ends");
        List<String> lines = Arrays.asList(text.split("\r\n"));
        List<String> header = cells(lines.get(0));
        assertEquals(expectedColumns, header);
        return lines.subList(1, lines.size()).stream().map(line -> {
            List<String> cells = cells(line);
            assertEquals(header.size(), cells.size(), "cells in " + line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            return row;
        }).toList();
    }

    static List<String> cells(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    static Map<String, String> row(List<Map<String, String>> rows, String department) {
        return rows.stream().filter(r -> department.equals(r.get("department"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + department));
    }
}
