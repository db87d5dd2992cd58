#include "routing/model/handover-procedure.h"

namespace sagin
{

double
RandomAccessSeconds(const HandoverLegs& legs, const HandoverProcessing& p)
{
    const double msg1 = legs.ueToTarget_s + p.gnb_s;
    const double msg2 = legs.targetToUe_s + p.ue_s;
    const double msg3 = legs.ueToTarget_s + p.gnb_s;
    const double msg4 = legs.targetToUe_s + p.ue_s;
    return msg1 + msg2 + msg3 + msg4;
}

double
HandoverInterruptionSeconds(v1::HandoverProcedure::Kind kind,
                            const HandoverLegs& legs,
                            const HandoverProcessing& p)
{
    switch (kind)
    {
    case v1::HandoverProcedure::HARD:
    {
        double t = legs.ueToSource_s + p.gnb_s; // measurement report
        if (!legs.sameGnb)
        {
            t += legs.sourceToTarget_s + p.gnb_s; // handover request (Xn)
            t += legs.targetToSource_s + p.gnb_s; // handover request acknowledge (Xn)
        }
        t += legs.sourceToUe_s + p.ue_s; // handover command (RRC reconfiguration)
        return t + RandomAccessSeconds(legs, p);
    }
    case v1::HandoverProcedure::CONDITIONAL:
        return RandomAccessSeconds(legs, p);
    case v1::HandoverProcedure::RACH_LESS:
        return legs.ueToTarget_s + p.gnb_s; // reconfiguration complete in a pre-allocated grant
    default:
        return 0.0;
    }
}

} // namespace sagin
