// Fixed-size fields at byte offsets of an application payload (host byte order: both ends run
// in the same simulator), for the probes and task messages the applications exchange.
#ifndef SAGIN_CORE_PAYLOAD_FIELDS_H
#define SAGIN_CORE_PAYLOAD_FIELDS_H

#include <cstdint>
#include <cstring>
#include <vector>

namespace sagin::payload
{

/// Writes `v` at byte `at` of `b` (which must hold at + sizeof v bytes).
template <class T>
void
Put(std::vector<std::uint8_t>& b, std::size_t at, T v)
{
    std::memcpy(b.data() + at, &v, sizeof v);
}

/// Reads a T at byte `at` of `b`.
template <class T>
T
Get(const std::vector<std::uint8_t>& b, std::size_t at)
{
    T v;
    std::memcpy(&v, b.data() + at, sizeof v);
    return v;
}

} // namespace sagin::payload

#endif
