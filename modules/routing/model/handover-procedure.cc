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

SignallingCounts&
SignallingCounts::operator+=(const SignallingCounts& c)
{
    msg1 += c.msg1;
    msg2 += c.msg2;
    msg3 += c.msg3;
    msg4 += c.msg4;
    msgA += c.msgA;
    msgB += c.msgB;
    measurementReport += c.measurementReport;
    xnRequest += c.xnRequest;
    xnRequestAck += c.xnRequestAck;
    handoverCommand += c.handoverCommand;
    handoverComplete += c.handoverComplete;
    n2Required += c.n2Required;
    n2Request += c.n2Request;
    n2RequestAck += c.n2RequestAck;
    n2Command += c.n2Command;
    return *this;
}

SignallingCounts
HandoverMessages(v1::HandoverProcedure::Kind kind, const HandoverLegs& legs, bool prepared)
{
    SignallingCounts c;
    if (kind != v1::HandoverProcedure::HARD && kind != v1::HandoverProcedure::CONDITIONAL
        && kind != v1::HandoverProcedure::RACH_LESS)
    {
        return c;
    }
    c.measurementReport = 1;
    if (!legs.sameGnb && legs.viaCore)
    {
        const unsigned sent = prepared ? 4u : legs.n2SentOnFailure;
        c.n2Required = sent >= 1 ? 1 : 0;
        c.n2Request = sent >= 2 ? 1 : 0;
        c.n2RequestAck = sent >= 3 ? 1 : 0;
        c.n2Command = sent >= 4 ? 1 : 0;
    }
    else if (!legs.sameGnb)
    {
        c.xnRequest = 1;
        c.xnRequestAck = prepared ? 1 : 0;
    }
    if (!prepared)
    {
        return c;
    }
    c.handoverCommand = 1;
    if (kind == v1::HandoverProcedure::RACH_LESS)
    {
        c.handoverComplete = 1;
    }
    else
    {
        c.msg1 = c.msg2 = c.msg3 = c.msg4 = 1; // 4-step random access at the target
    }
    return c;
}

namespace
{

/// A switch prepared ahead executes like a handover prepared ahead: RACH-less, or else
/// conditional.
v1::HandoverProcedure::Kind
PreparedExecution(v1::HandoverProcedure::Kind kind)
{
    return kind == v1::HandoverProcedure::RACH_LESS ? v1::HandoverProcedure::RACH_LESS
                                                    : v1::HandoverProcedure::CONDITIONAL;
}

} // namespace

SignallingCounts
FeederSwitchMessages(v1::HandoverProcedure::Kind kind, const HandoverLegs& legs, bool prepared)
{
    SignallingCounts c = HandoverMessages(PreparedExecution(kind), legs, prepared);
    c.measurementReport = 0; // the network knows when its feeder goes
    return c;
}

SignallingCounts
SatelliteSwitchMessages(v1::HandoverProcedure::Kind kind)
{
    SignallingCounts c;
    if (kind == v1::HandoverProcedure::RACH_LESS)
    {
        c.handoverComplete = 1;
    }
    else
    {
        c.msg1 = c.msg2 = c.msg3 = c.msg4 = 1;
    }
    return c;
}

double
PreparedSwitchInterruptionSeconds(v1::HandoverProcedure::Kind kind,
                                  const HandoverLegs& legs,
                                  const HandoverProcessing& p,
                                  double wait_s)
{
    return wait_s + HandoverInterruptionSeconds(PreparedExecution(kind), legs, p);
}

RandomAccessAttempt
InitialAccessAttempt(const InitialAccessParameters& p, double oneWay_s)
{
    const double d = oneWay_s;
    const double g = p.gnbProcessing_s;
    const double u = p.ueProcessing_s;
    const double exchange = d + g + d + u; // one message up and its answer down
    RandomAccessAttempt a;
    if (p.kind == v1::InitialAccess::TWO_STEP)
    {
        a.success_s = exchange; // MsgA, MsgB
        a.collision_s = 2 * d + p.responseWindow_s;
        a.onSuccess.msgA = a.onSuccess.msgB = 1;
        a.onCollision.msgA = 1;
    }
    else
    {
        a.success_s = 2 * exchange; // Msg1 + Msg2, Msg3 + Msg4
        a.collision_s = exchange + 2 * d + p.contentionResolution_s;
        a.onSuccess.msg1 = a.onSuccess.msg2 = a.onSuccess.msg3 = a.onSuccess.msg4 = 1;
        a.onCollision.msg1 = a.onCollision.msg2 = a.onCollision.msg3 = 1;
    }
    if (!p.precompensated)
    {
        a.success_s += exchange;
        a.collision_s += exchange;
        for (SignallingCounts* c : {&a.onSuccess, &a.onCollision})
        {
            ++c->msg1;
            ++c->msg2;
        }
    }
    return a;
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
        if (!legs.sameGnb && legs.viaCore)
        {
            t += legs.sourceToCore_s + p.amf_s; // N2 Handover Required
            t += legs.coreToTarget_s + p.gnb_s; // N2 Handover Request
            t += legs.targetToCore_s + p.amf_s; // N2 Handover Request Acknowledge
            t += legs.coreToSource_s + p.gnb_s; // N2 Handover Command
        }
        else if (!legs.sameGnb)
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
