// A handover as a message sequence (TS 38.300 section 9.2.3; TR 38.821 section 7.3): what it
// costs a terminal's access link, from the one-way delays of the legs its messages travel at the
// update that decided it. The legs come from the routed network (TopologyController::Handover);
// this file only adds them up, so tests can check the sum by hand.
#ifndef SAGIN_ROUTING_HANDOVER_PROCEDURE_H
#define SAGIN_ROUTING_HANDOVER_PROCEDURE_H

#include "sagin/v1/standard.pb.h"

#include <cstdint>

namespace sagin
{

/// One-way delays (s) of the legs of a handover: propagation plus the forwarding delays of the
/// nodes in between (a bent pipe between a terminal and its ground gNB), without the end nodes'
/// processing (that is the procedure's own per-message processing).
struct HandoverLegs
{
    double ueToSource_s = 0.0;     ///< terminal -> source gNB (measurement report)
    double sourceToUe_s = 0.0;     ///< source gNB -> terminal (handover command)
    double sourceToTarget_s = 0.0; ///< Xn: handover request
    double targetToSource_s = 0.0; ///< Xn: handover request acknowledge
    double ueToTarget_s = 0.0; ///< terminal -> target gNB (Msg1, Msg3, reconfiguration complete)
    double targetToUe_s = 0.0; ///< target gNB -> terminal (Msg2, Msg4)
    bool sameGnb = false;      ///< source and target cells share a gNB: no preparation messages
    /// N2 preparation through the AMF instead of Xn: the four legs below replace the two Xn legs.
    bool viaCore = false;
    double sourceToCore_s = 0.0; ///< N2 Handover Required
    double coreToTarget_s = 0.0; ///< N2 Handover Request
    double targetToCore_s = 0.0; ///< N2 Handover Request Acknowledge
    double coreToSource_s = 0.0; ///< N2 Handover Command
    /// N2 messages sent when the preparation failed: those up to and including the first leg
    /// without a route (1 to 4).
    unsigned n2SentOnFailure = 0;
};

/// Processing (s) a gNB and a terminal spend on each procedure message they receive.
struct HandoverProcessing
{
    double gnb_s = 0.0;
    double ue_s = 0.0;
    double amf_s = 0.0; ///< the AMF, on each N2 message it receives
};

/// 4-step random access at the target gNB: Msg1 and Msg3 up, Msg2 and Msg4 down, each plus its
/// receiver's processing: 2 (up + down) + 2 gNB + 2 terminal processing.
double RandomAccessSeconds(const HandoverLegs& legs, const HandoverProcessing& p);

/// access.initial_access of a standard, defaults applied (standard.proto, InitialAccess).
struct InitialAccessParameters
{
    v1::InitialAccess::Kind kind = v1::InitialAccess::NONE;
    unsigned preambles = 54;
    double occasionsPerS = 100.0;
    double responseWindow_s = 0.010;
    double contentionResolution_s = 0.064;
    double backoff_s = 0.0;
    unsigned maxAttempts = 10;
    bool precompensated = true; ///< timing_advance UE_GNSS
    unsigned otherContenders = 0;
    double gnbProcessing_s = 0.0;
    double ueProcessing_s = 0.0;
    double inactivityTimeout_s = 0.0; ///< 0: never idle again
};

/// Signalling messages by type (counts).
struct SignallingCounts
{
    std::uint64_t msg1 = 0; ///< random access preamble (4-step), or the timing exchange's
    std::uint64_t msg2 = 0; ///< random access response
    std::uint64_t msg3 = 0;
    std::uint64_t msg4 = 0; ///< contention resolution
    std::uint64_t msgA = 0; ///< 2-step: preamble and payload
    std::uint64_t msgB = 0;
    std::uint64_t measurementReport = 0;
    std::uint64_t xnRequest = 0;
    std::uint64_t xnRequestAck = 0;
    std::uint64_t handoverCommand = 0;
    std::uint64_t handoverComplete = 0; ///< RACH-less: reconfiguration complete
    std::uint64_t n2Required = 0;       ///< N2 Handover Required (source gNB -> AMF)
    std::uint64_t n2Request = 0;        ///< N2 Handover Request (AMF -> target gNB)
    std::uint64_t n2RequestAck = 0;     ///< N2 Handover Request Acknowledge
    std::uint64_t n2Command = 0;        ///< N2 Handover Command (AMF -> source gNB)

    SignallingCounts& operator+=(const SignallingCounts& c);
};

/// One random-access attempt of an idle terminal, from its RACH occasion, with one-way delay
/// `oneWay_s` between the terminal and its gNB each way: when the terminal may send data if the
/// attempt succeeds, when it notices a collision otherwise (s after the occasion), and the
/// messages each outcome sends (every message costs its one-way delay plus its receiver's
/// processing g (gNB) or u (terminal); d = oneWay_s):
///  FOUR_STEP: success 4 d + 2 g + 2 u (Msg1-4, as RandomAccessSeconds); collision noticed at
///             Msg3's transmission (2 d + g + u) + one round trip (2 d) + the contention
///             resolution timer (Msg1-3 sent);
///  TWO_STEP: success 2 d + g + u (MsgA, MsgB); collision noticed at MsgA + one round trip
///            (2 d) + the response window (MsgA sent);
///  without timing pre-compensation every attempt first costs one exchange 2 d + g + u (a
///  Msg1 and a Msg2).
struct RandomAccessAttempt
{
    double success_s = 0.0;
    double collision_s = 0.0;
    SignallingCounts onSuccess;
    SignallingCounts onCollision;
};

RandomAccessAttempt InitialAccessAttempt(const InitialAccessParameters& p, double oneWay_s);

/// The messages of one handover procedure (those HandoverInterruptionSeconds adds up; CONDITIONAL
/// also the preparation sent ahead: measurement report, Xn request and acknowledgement or the
/// four N2 messages, command); a preparation that failed sends the report and the Xn request
/// only, or the N2 messages up to the leg without a route (legs.n2SentOnFailure).
SignallingCounts HandoverMessages(v1::HandoverProcedure::Kind kind,
                                  const HandoverLegs& legs,
                                  bool prepared);

/// The messages of one terminal's feeder-link switch (access.handover.feeder_switch), prepared
/// ahead by the network (no measurement report): the preparation between the two gateways' gNBs
/// (Xn, or N2), the handover command, and the execution at the new gNB (RACH_LESS: the
/// reconfiguration complete; other kinds: the 4-step random access).
SignallingCounts FeederSwitchMessages(v1::HandoverProcedure::Kind kind,
                                      const HandoverLegs& legs,
                                      bool prepared);

/// The messages of one terminal's HARD same-cell satellite switch (same_cell_switch): the
/// execution only (RACH_LESS: the reconfiguration complete; other kinds: the 4-step random
/// access); the switch time is broadcast, the gNB does not change.
SignallingCounts SatelliteSwitchMessages(v1::HandoverProcedure::Kind kind);

/// The time (s) one terminal's access carries nothing at a switch the network prepared ahead:
/// `wait_s` first (a feeder-link switch: the new feeder's setup for HARD, or a SOFT switch forced
/// by a feeder lost without warning, 0 for a foreseen SOFT switch; a HARD same-cell satellite
/// switch: the resynchronization), then the execution at the gNB as a handover prepared ahead:
/// RACH_LESS one message up (d_t + g), other kinds the 4-step random access (4 d_t + 2 g + 2 u).
double PreparedSwitchInterruptionSeconds(v1::HandoverProcedure::Kind kind,
                                         const HandoverLegs& legs,
                                         const HandoverProcessing& p,
                                         double wait_s);

/// The time (s) the terminal's access carries nothing, from the update that decides the handover:
///  HARD: measurement report + (Xn request + Xn acknowledge, or with viaCore the N2 Handover
///        Required, Request, Request Acknowledge and Command, unless sameGnb) + handover command
///        + 4-step random access, each message with its receiver's processing;
///  CONDITIONAL: the random access only (prepared ahead, executed on its condition);
///  RACH_LESS: one message terminal -> target gNB plus the gNB's processing;
///  NONE (or unspecified): 0.
double HandoverInterruptionSeconds(v1::HandoverProcedure::Kind kind,
                                   const HandoverLegs& legs,
                                   const HandoverProcessing& p);

} // namespace sagin

#endif
