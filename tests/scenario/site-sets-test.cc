// Generated site sets: the city list's order, grid counts, and random points uniform in area.
#include "core/model/constants.h"
#include "scenario/model/site-sets.h"

#include <cmath>
#include <gtest/gtest.h>
#include <set>

using namespace sagin;

TEST(SiteSets, CityListIsRankedByPopulation)
{
    const auto& cities = WorldCities();
    ASSERT_GE(cities.size(), 100u);
    EXPECT_EQ(cities.front().name, "Tokyo");
    std::set<std::string> names;
    for (size_t i = 0; i < cities.size(); ++i)
    {
        EXPECT_EQ(cities[i].rank, static_cast<int>(i + 1));
        EXPECT_GT(cities[i].population, 1e6);
        EXPECT_TRUE(names.insert(cities[i].name).second) << cities[i].name;
        if (i > 0)
        {
            EXPECT_LE(cities[i].population, cities[i - 1].population);
        }
    }
    v1::SiteSet set;
    set.set_name("c");
    set.mutable_cities()->set_top(10);
    auto sites = GenerateSites(set, 1);
    ASSERT_EQ(sites.size(), 10u);
    EXPECT_EQ(sites[0].name, "c-Tokyo");
    // Region filter: Africa's largest city in the list is Cairo, then Lagos or Kinshasa.
    auto* r = set.mutable_cities()->mutable_region();
    r->set_lat_min_deg(-35);
    r->set_lat_max_deg(38);
    r->set_lon_min_deg(-20);
    r->set_lon_max_deg(52);
    sites = GenerateSites(set, 1);
    EXPECT_EQ(sites[0].name, "c-Cairo");
}

TEST(SiteSets, GridCountsAndCellCentres)
{
    v1::SiteSet set;
    set.set_name("g");
    auto* g = set.mutable_grid();
    g->set_spacing_deg(0.5);
    auto* r = g->mutable_region();
    r->set_lat_min_deg(-2);
    r->set_lat_max_deg(2);
    r->set_lon_min_deg(170);
    r->set_lon_max_deg(-170); // crosses the antimeridian: 20 degrees wide
    auto sites = GenerateSites(set, 1);
    ASSERT_EQ(sites.size(), 8u * 40u);
    EXPECT_DOUBLE_EQ(sites[0].lat_deg, -1.75);
    EXPECT_DOUBLE_EQ(sites[0].lon_deg, 170.25);
    EXPECT_DOUBLE_EQ(sites.back().lon_deg, -170.25);
    // Counted without generating: 4 deg / 0.5 = 8 rows, 20 deg / 0.5 = 40 columns.
    EXPECT_EQ(SiteSetSize(set), 8.0 * 40.0);
}

TEST(SiteSets, SizeIsCountedBeforeTheSitesAreMade)
{
    // A 0.01-degree grid over the whole Earth: 180 / 0.01 = 18000 rows, 360 / 0.01 = 36000
    // columns, 6.48e8 sites (never generated here).
    v1::SiteSet grid;
    grid.set_name("g");
    grid.mutable_grid()->set_spacing_deg(0.01);
    auto* r = grid.mutable_grid()->mutable_region();
    r->set_lat_min_deg(-90);
    r->set_lat_max_deg(90);
    r->set_lon_min_deg(-180);
    r->set_lon_max_deg(180);
    EXPECT_EQ(SiteSetSize(grid), 18000.0 * 36000.0);
    v1::SiteSet random;
    random.mutable_random()->set_count(10000000);
    EXPECT_EQ(SiteSetSize(random), 1e7);
    // Cities: the top 5 of the list (which holds more than 5).
    v1::SiteSet cities;
    cities.mutable_cities()->set_top(5);
    EXPECT_EQ(SiteSetSize(cities), 5.0);
    // No region, or a spacing that is not > 0: nothing is generated, nothing counted.
    v1::SiteSet bad;
    bad.mutable_grid()->set_spacing_deg(0.0);
    EXPECT_EQ(SiteSetSize(bad), 0.0);
}

TEST(SiteSets, RandomPointsAreUniformInArea)
{
    // Over latitudes [0, 60], the area fraction below 30 deg is sin 30 / sin 60 = 0.5774.
    v1::SiteSet set;
    set.set_name("r");
    auto* rp = set.mutable_random();
    rp->set_count(20000);
    auto* r = rp->mutable_region();
    r->set_lat_min_deg(0);
    r->set_lat_max_deg(60);
    r->set_lon_min_deg(-10);
    r->set_lon_max_deg(10);
    auto sites = GenerateSites(set, 42);
    int below = 0;
    int west = 0;
    for (const auto& s : sites)
    {
        EXPECT_TRUE(InRegion(*r, s.lat_deg, s.lon_deg));
        below += s.lat_deg < 30.0;
        west += s.lon_deg < 0.0;
    }
    const double n = sites.size();
    const double p = std::sin(30 * kDegToRad) / std::sin(60 * kDegToRad);
    // 4 standard deviations of a binomial proportion.
    EXPECT_NEAR(below / n, p, 4 * std::sqrt(p * (1 - p) / n));
    EXPECT_NEAR(west / n, 0.5, 4 * std::sqrt(0.25 / n));
    // Same seed, same points; another offset, other points.
    auto again = GenerateSites(set, 42);
    EXPECT_EQ(again[123].lat_deg, sites[123].lat_deg);
    rp->set_seed_offset(1);
    EXPECT_NE(GenerateSites(set, 42)[123].lat_deg, sites[123].lat_deg);
}
