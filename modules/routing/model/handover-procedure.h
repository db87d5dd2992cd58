// A handover as a message sequence (TS 38.300 section 9.2.3; TR 38.821 section 7.3): what it
// costs a terminal's access link, from the one-way delays of the legs its messages travel at the
// update that decided it. The legs come from the routed network (TopologyController::Handover);
// this file only adds them up, so tests can check the sum by hand.
#ifndef SAGIN_ROUTING_HANDOVER_PROCEDURE_H
#define SAGIN_ROUTING_HANDOVER_PROCEDURE_H

#include "sagin/v1/standard.pb.h"

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
    bool sameGnb = false;      ///< source and target cells share a gNB: no Xn messages
};

/// Processing (s) a gNB and a terminal spend on each procedure message they receive.
struct HandoverProcessing
{
    double gnb_s = 0.0;
    double ue_s = 0.0;
};

/// 4-step random access at the target gNB: Msg1 and Msg3 up, Msg2 and Msg4 down, each plus its
/// receiver's processing: 2 (up + down) + 2 gNB + 2 terminal processing.
double RandomAccessSeconds(const HandoverLegs& legs, const HandoverProcessing& p);

/// The time (s) the terminal's access carries nothing, from the update that decides the handover:
///  HARD: measurement report + (Xn request + Xn acknowledge, unless sameGnb) + handover command
///        + 4-step random access, each message with its receiver's processing;
///  CONDITIONAL: the random access only (prepared ahead, executed on its condition);
///  RACH_LESS: one message terminal -> target gNB plus the gNB's processing;
///  NONE (or unspecified): 0.
double HandoverInterruptionSeconds(v1::HandoverProcedure::Kind kind,
                                   const HandoverLegs& legs,
                                   const HandoverProcessing& p);

} // namespace sagin

#endif
