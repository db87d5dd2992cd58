#include "link/model/link-acquisition-tracker.h"

#include <limits>

namespace sagin
{

LinkAcquisitionTracker::LinkAcquisitionTracker(double acquisitionTimeS)
    : m_acquisitionTimeS(acquisitionTimeS < 0.0 ? 0.0 : acquisitionTimeS)
{
}

bool
LinkAcquisitionTracker::Observe(double timeS, bool up)
{
    if (up && !m_up)
    {
        m_upSinceS = timeS;
    }
    m_up = up;
    return CanCarry(timeS);
}

bool
LinkAcquisitionTracker::CanCarry(double timeS) const
{
    return m_up && timeS >= CarryFromS();
}

double
LinkAcquisitionTracker::CarryFromS() const
{
    return m_up ? m_upSinceS + m_acquisitionTimeS : std::numeric_limits<double>::infinity();
}

} // namespace sagin
