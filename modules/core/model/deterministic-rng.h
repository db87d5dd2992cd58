// A small, fully specified random generator (SplitMix64) for inputs that must be generated the
// same way on every platform and library version: random site sets, sampled traffic pairs.
// Channel and traffic randomness inside a simulation uses ns-3's streams instead.
#ifndef SAGIN_CORE_DETERMINISTIC_RNG_H
#define SAGIN_CORE_DETERMINISTIC_RNG_H

#include <cstdint>

namespace sagin
{

class DeterministicRng
{
  public:
    explicit DeterministicRng(std::uint64_t seed)
        : m_state(seed)
    {
    }

    std::uint64_t NextU64()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, 1), 53 random bits.
    double NextUniform()
    {
        return static_cast<double>(NextU64() >> 11) * (1.0 / 9007199254740992.0);
    }

    /// Uniform integer in [0, n) (n > 0), without modulo bias.
    std::uint64_t NextBelow(std::uint64_t n)
    {
        std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t x;
        do
        {
            x = NextU64();
        } while (x >= limit);
        return x % n;
    }

  private:
    std::uint64_t m_state;
};

/// Mixes two 64-bit values into a seed (for derived streams: scenario seed + set offset).
inline std::uint64_t
MixSeed(std::uint64_t a, std::uint64_t b)
{
    DeterministicRng r(a ^ (b * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL));
    return r.NextU64();
}

} // namespace sagin

#endif
