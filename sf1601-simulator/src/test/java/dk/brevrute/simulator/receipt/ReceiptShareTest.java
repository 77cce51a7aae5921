package dk.brevrute.simulator.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ReceiptShareTest {

    @Test
    void theShareOfReadLettersIsAsConfiguredAndTheSameLetterAlwaysGetsTheSameAnswer() {
        long read = IntStream.range(0, 20_000).mapToObj(i -> UUID.randomUUID()).filter(u -> ReceiptPusher.isRead(u, 0.3)).count();
        assertEquals(0.3, read / 20_000.0, 0.02);
        UUID one = UUID.randomUUID();
        boolean first = ReceiptPusher.isRead(one, 0.5);
        IntStream.range(0, 10).forEach(i -> assertEquals(first, ReceiptPusher.isRead(one, 0.5)));
        assertFalse(ReceiptPusher.isRead(one, 0));
        assertTrue(ReceiptPusher.isRead(one, 1));
    }
}
