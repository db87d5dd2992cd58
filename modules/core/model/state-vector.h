// Position (m) and velocity (m/s) of a node in one frame (ECEF unless a name says otherwise).
#ifndef SAGIN_CORE_STATE_VECTOR_H
#define SAGIN_CORE_STATE_VECTOR_H

#include "core/model/vec3.h"

namespace sagin
{

struct StateVector
{
    Vec3 position; ///< metres
    Vec3 velocity; ///< metres per second
};

} // namespace sagin

#endif
