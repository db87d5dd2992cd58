// A 3-vector of doubles: ECEF and inertial positions (m) and velocities (m/s).
#ifndef SAGIN_CORE_VEC3_H
#define SAGIN_CORE_VEC3_H

#include <cmath>

namespace sagin
{

struct Vec3
{
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;

    constexpr Vec3() = default;
    constexpr Vec3(double ax, double ay, double az)
        : x(ax),
          y(ay),
          z(az)
    {
    }

    constexpr Vec3 operator+(const Vec3& o) const
    {
        return {x + o.x, y + o.y, z + o.z};
    }

    constexpr Vec3 operator-(const Vec3& o) const
    {
        return {x - o.x, y - o.y, z - o.z};
    }

    constexpr Vec3 operator*(double s) const
    {
        return {x * s, y * s, z * s};
    }

    constexpr Vec3 operator/(double s) const
    {
        return {x / s, y / s, z / s};
    }

    constexpr Vec3 operator-() const
    {
        return {-x, -y, -z};
    }

    Vec3& operator+=(const Vec3& o)
    {
        x += o.x;
        y += o.y;
        z += o.z;
        return *this;
    }

    Vec3& operator-=(const Vec3& o)
    {
        x -= o.x;
        y -= o.y;
        z -= o.z;
        return *this;
    }
};

constexpr Vec3
operator*(double s, const Vec3& v)
{
    return v * s;
}

constexpr double
Dot(const Vec3& a, const Vec3& b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

constexpr Vec3
Cross(const Vec3& a, const Vec3& b)
{
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

inline double
Norm(const Vec3& v)
{
    return std::sqrt(Dot(v, v));
}

inline double
Distance(const Vec3& a, const Vec3& b)
{
    return Norm(a - b);
}

inline Vec3
Normalized(const Vec3& v)
{
    return v / Norm(v);
}

} // namespace sagin

#endif
