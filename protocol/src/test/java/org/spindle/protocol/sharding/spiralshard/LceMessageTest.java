package org.spindle.protocol.sharding.spiralshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spindle.protocol.sharding.spiralshard.LceFixture.block;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.ledger.BlockHeader;

class LceMessageTest {
    @Test
    void aForwardedHeaderWithItsHistoryRoundTripsAtItsDeclaredSize() {
        BlockHeader a = block(0, 0, Hash.ZERO, null, 1);
        BlockHeader b = block(1, 0, Hash.ZERO, a, 1);
        LceMessage m = new LceMessage.Forward(List.of(b, a));
        Bytes encoded = LceMessage.CODEC.encode(m);
        assertThat(encoded.size()).isEqualTo(m.encodedSize());
        assertThat(LceMessage.CODEC.decode(encoded)).isEqualTo(m);
    }

    @Test
    void aTruncatedForwardIsMalformed() {
        BlockHeader a = block(0, 0, Hash.ZERO, null, 1);
        Bytes encoded = LceMessage.CODEC.encode(new LceMessage.Forward(List.of(a)));
        assertThatThrownBy(() -> LceMessage.CODEC.decode(encoded.slice(0, encoded.size() - 3)))
                .isInstanceOf(CodecException.class);
    }
}
