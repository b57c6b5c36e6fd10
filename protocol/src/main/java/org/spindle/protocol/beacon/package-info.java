/**
 * The beacon: validator registry, epochs, epoch randomness, shard assignment and reconfiguration,
 * as deterministic logic (no clocks, threads or I/O; the beacon chain's consensus decides what is
 * agreed and feeds it here).
 *
 * <ul>
 *   <li>{@link org.spindle.protocol.beacon.Genesis} and {@link org.spindle.protocol.beacon.GenesisParser}:
 *       chain id, validators, funded accounts, {@link org.spindle.protocol.beacon.ProtocolParameters}.
 *       The parser takes JSON or YAML <i>text</i> through Jackson's tree model; Jackson
 *       ({@code jackson-databind}, {@code jackson-dataformat-yaml}, both managed in the parent POM)
 *       is a protocol dependency so that node, sim and cli share one parser and one set of error
 *       messages; the caller reads the file.</li>
 *   <li>{@link org.spindle.protocol.beacon.ValidatorRegistry}: one immutable
 *       {@link org.spindle.protocol.beacon.RegistrySnapshot} per epoch, with
 *       {@link org.spindle.protocol.beacon.PenaltyRecord}s of expulsions and slashings.</li>
 *   <li>{@link org.spindle.protocol.beacon.RandomnessRound}: commit–reveal of Ed25519 signatures over
 *       a fixed committee; its javadoc states the bias that remains.
 *       {@link org.spindle.protocol.beacon.BeaconMessage} is the message family.</li>
 *   <li>{@link org.spindle.protocol.beacon.MembershipRule}: uniform (baseline), Reticulum
 *       Algorithm 1, SpiralShard endorsement groups; all built on the
 *       {@link org.spindle.protocol.beacon.HashPrng}-driven Fisher–Yates shuffle of
 *       {@link org.spindle.protocol.beacon.ShardAssignment}.</li>
 *   <li>{@link org.spindle.protocol.beacon.Reconfiguration}: bounded moves between epochs and the
 *       state-sync plan they imply; {@link org.spindle.protocol.beacon.Beacon} strings the epoch
 *       change together.</li>
 * </ul>
 */
package org.spindle.protocol.beacon;
