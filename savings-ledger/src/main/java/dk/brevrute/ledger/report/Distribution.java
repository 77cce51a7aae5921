package dk.brevrute.ledger.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The decision's split of a period's net gain: 50% to the departments, shared by the distribution key
 * (each department's share of the period's letters), and 50% to the central priority pool. Only a
 * gain is split; a shortfall (savings below the departments' contribution) is shown, not split.
 * Amounts are DKK to the øre: the departments' half gets the odd øre, and the department shares add
 * up to it exactly (largest remainders, ties in list order).
 */
public final class Distribution {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A department's key (0..1) and its part of the departments' half. */
    public record Share(String department, long letters, BigDecimal key, BigDecimal amount) {
    }

    public record Result(BigDecimal netGain, BigDecimal distributable, BigDecimal shortfall, BigDecimal toDepartments,
            BigDecimal toPriorityPool, List<Share> departments) {

        public Share of(String department) {
            return departments.stream().filter(s -> s.department().equals(department)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no share for " + department));
        }
    }

    private Distribution() {
    }

    /** Splits {@code netGain} (DKK) by {@code lettersByDepartment} (iteration order = list order). */
    public static Result of(BigDecimal netGain, Map<String, Long> lettersByDepartment) {
        BigDecimal net = netGain.setScale(2, RoundingMode.HALF_UP);
        BigDecimal distributable = net.signum() > 0 ? net : BigDecimal.ZERO.setScale(2);
        BigDecimal shortfall = net.signum() < 0 ? net.negate() : BigDecimal.ZERO.setScale(2);
        BigDecimal toDepartments = distributable.divide(TWO, 2, RoundingMode.HALF_UP);
        BigDecimal toPool = distributable.subtract(toDepartments);
        List<Share> shares = apportion(toDepartments, lettersByDepartment);
        return new Result(net, distributable, shortfall, toDepartments, toPool, shares);
    }

    /**
     * Shares {@code amount} (DKK) in proportion to the letters, to the øre, adding up exactly: each
     * gets its share rounded down, the øre left go to the largest remainders (ties in list order).
     */
    public static List<Share> apportion(BigDecimal amount, Map<String, Long> letters) {
        long total = letters.values().stream().mapToLong(Long::longValue).sum();
        record Part(int index, String name, long letters, long ore, BigDecimal remainder) {
        }
        List<Part> parts = new ArrayList<>();
        long amountOre = amount.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
        long given = 0;
        int i = 0;
        for (Map.Entry<String, Long> e : letters.entrySet()) {
            long ore = 0;
            BigDecimal remainder = BigDecimal.ZERO;
            if (total > 0) {
                BigDecimal exact = BigDecimal.valueOf(amountOre).multiply(BigDecimal.valueOf(e.getValue()))
                        .divide(BigDecimal.valueOf(total), 10, RoundingMode.DOWN);
                ore = exact.setScale(0, RoundingMode.DOWN).longValueExact();
                remainder = exact.subtract(BigDecimal.valueOf(ore));
            }
            given += ore;
            parts.add(new Part(i++, e.getKey(), e.getValue(), ore, remainder));
        }
        long left = total > 0 ? amountOre - given : 0;
        List<Part> byRemainder = new ArrayList<>(parts);
        byRemainder.sort(Comparator.comparing(Part::remainder).reversed().thenComparingInt(Part::index));
        long[] extra = new long[parts.size()];
        for (int k = 0; k < left; k++) {
            extra[byRemainder.get(k % byRemainder.size()).index()]++;
        }
        List<Share> shares = new ArrayList<>();
        for (Part p : parts) {
            BigDecimal key = total == 0 ? BigDecimal.ZERO.setScale(6)
                    : BigDecimal.valueOf(p.letters()).divide(BigDecimal.valueOf(total), 6, RoundingMode.HALF_UP);
            shares.add(new Share(p.name(), p.letters(), key, BigDecimal.valueOf(p.ore() + extra[p.index()]).movePointLeft(2)));
        }
        return List.copyOf(shares);
    }

    /** {@code part} of {@code whole} in percent, one decimal; null when the whole is zero. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole == null || whole.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(whole, 1, RoundingMode.HALF_UP);
    }
}
