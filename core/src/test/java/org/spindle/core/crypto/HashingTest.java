package org.spindle.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

class HashingTest {

    @Test
    void keccak256OfTheEmptyStringIsEthereumsEmptyHash() {
        assertThat(Hashing.keccak256(new byte[0]))
                .isEqualTo(Hash.fromHex("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
    }

    @Test
    void keccak256DiffersFromSha3AndMatchesWeb3j() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        // Ethereum's Keccak-256 predates the FIPS-202 padding, so it is not SHA3-256 ("3a985da7...").
        assertThat(Hashing.keccak256(abc).toHex())
                .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
                .isEqualTo(Bytes.wrap(org.web3j.crypto.Hash.sha3(abc)).toHex());
    }

    @Test
    void sha256OfAbcIsTheFipsTestVector() {
        assertThat(Hashing.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Hash.fromHex("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }
}
