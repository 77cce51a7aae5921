-- EXAMPLE tariffs so a fresh ledger can price letters at all. These are NOT real prices: finance adds
-- the real versions through POST /api/v1/tariffs (a back-dated version re-prices with correction
-- entries). Published on tariffs.published.v1 at start-up, once (TariffStartupPublisher).
INSERT INTO tariff_version (tariff_id, effective_from, label, example, paper_per_sheet, print_per_sheet,
                            handling_per_letter, digital_post_fee, sheet_weight_grams, created_by)
VALUES ('EXAMPLE-2009', DATE '2009-01-01', 'EXAMPLE values, not real prices (2009 level)', true,
        0.05, 0.25, 0.50, 0.60, 5, 'example-data'),
       ('EXAMPLE-2026', DATE '2026-01-01', 'EXAMPLE values, not real prices (2026 level)', true,
        0.08, 0.35, 0.71, 0.68, 5, 'example-data');

INSERT INTO tariff_postage_rate (tariff_id, postage_class, zone, max_weight_grams, price) VALUES
    ('EXAMPLE-2009', 'A', 'DK', 100, 5.50),
    ('EXAMPLE-2009', 'A', 'DK', 250, 11.00),
    ('EXAMPLE-2009', 'A', 'DK', 1000, 22.00),
    ('EXAMPLE-2009', 'B', 'DK', 100, 4.50),
    ('EXAMPLE-2009', 'B', 'DK', 250, 9.00),
    ('EXAMPLE-2009', 'B', 'DK', 1000, 18.00),
    ('EXAMPLE-2009', 'A', 'EUROPE', 100, 9.00),
    ('EXAMPLE-2009', 'A', 'EUROPE', 250, 18.00),
    ('EXAMPLE-2009', 'A', 'WORLD', 100, 11.00),
    ('EXAMPLE-2009', 'A', 'WORLD', 250, 22.00),
    ('EXAMPLE-2026', 'A', 'DK', 100, 29.00),
    ('EXAMPLE-2026', 'A', 'DK', 250, 58.00),
    ('EXAMPLE-2026', 'A', 'DK', 1000, 87.00),
    ('EXAMPLE-2026', 'B', 'DK', 100, 13.20),
    ('EXAMPLE-2026', 'B', 'DK', 250, 26.40),
    ('EXAMPLE-2026', 'B', 'DK', 1000, 52.80),
    ('EXAMPLE-2026', 'A', 'EUROPE', 100, 50.00),
    ('EXAMPLE-2026', 'A', 'EUROPE', 250, 100.00),
    ('EXAMPLE-2026', 'A', 'WORLD', 100, 62.00),
    ('EXAMPLE-2026', 'A', 'WORLD', 250, 124.00);

INSERT INTO tariff_envelope (tariff_id, size, price, weight_grams, max_sheets) VALUES
    ('EXAMPLE-2009', 'C5', 0.30, 5, 6),
    ('EXAMPLE-2009', 'C4', 0.80, 12, 25),
    ('EXAMPLE-2026', 'C5', 0.42, 5, 6),
    ('EXAMPLE-2026', 'C4', 0.95, 12, 25);
