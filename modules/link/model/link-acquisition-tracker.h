// When may a (re)established link carry traffic? Optical terminals need an acquisition time
// (pointing, acquisition and tracking) after the geometry allows a link before data flows.
// Fed with link up/down observations over time, the tracker says whether the link may carry
// traffic: only once it has been continuously up for the acquisition time. A down observation
// resets it. Not thread-safe (one per link).
#ifndef SAGIN_LINK_LINK_ACQUISITION_TRACKER_H
#define SAGIN_LINK_LINK_ACQUISITION_TRACKER_H

namespace sagin
{

class LinkAcquisitionTracker
{
  public:
    explicit LinkAcquisitionTracker(double acquisitionTimeS = 0.0);

    /// Record that at `timeS` the link is geometrically up (or down). Times must not decrease.
    /// Returns CanCarry(timeS).
    bool Observe(double timeS, bool up);

    /// True when the link has been up without interruption since at least acquisition time
    /// before `timeS` (judged from the observations so far).
    bool CanCarry(double timeS) const;

    /// The time from which the current up period may carry traffic, or +inf when down.
    double CarryFromS() const;

    bool IsUp() const
    {
        return m_up;
    }

  private:
    double m_acquisitionTimeS;
    bool m_up = false;
    double m_upSinceS = 0.0;
};

} // namespace sagin

#endif
