/**
 * The sharding-protocol plug-in point: {@link org.spindle.protocol.sharding.ShardingProtocol}
 * (membership rule, finality rule, header fields). {@code baseline} implements it for the
 * single-layer baseline; Reticulum and SpiralShard plug in the same way.
 */
package org.spindle.protocol.sharding;
