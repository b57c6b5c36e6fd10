package org.spindle.protocol.consensus.syncvote;

/**
 * How a synchronous vote's ballots reach every group member.
 *
 * <ul>
 *   <li>{@link #DOLEV_STRONG}: every member relays every vote it accepts, with its signature, to
 *       everyone not on the chain yet; f+1 rounds of Δ after voting. O(n²) messages per voter.</li>
 *   <li>{@link #ECHO}: votes go directly to the group (received within Δ+δ of the epoch start when the
 *       voter is honest); Δ after voting each member sends one echo saying which votes it holds, and
 *       a member relays a vote only to members whose echo lacks it; a vote first accepted later is
 *       relayed as in Dolev–Strong, which is the agreement fallback when a voter equivocates or
 *       sends selectively. O(n) messages per voter and O(n²) echoes per vote in the good case; the
 *       verdict comes one Δ later than with Dolev–Strong.</li>
 *   <li>{@link #BB}: the four steps of the (Δ+δ)-BB of Abraham–Nayak–Ren–Xiang with a certificate
 *       of f+1 signed echoes (f = ⌊(n−1)/2⌋), every member deciding 4Δ after voting whatever f is in
 *       the good case. The echo of step 2 is merged across all votes of an epoch. Certificates are
 *       forwarded Dolev–Strong style in chains of up to max(2, f) forwarders, so agreement holds for
 *       every voter, honest or Byzantine, under any f Byzantine members; a member that sees a sign of
 *       a Byzantine voter (a signed, echoed vote without certificate) decides at the last chain
 *       deadline, (max(2, f) + 2)·Δ after voting (see {@link SyncVoteNode}).</li>
 * </ul>
 */
public enum Broadcast {
    DOLEV_STRONG,
    ECHO,
    BB
}
