// Runs read back for comparison: from campaign folders (runs/<id>/ with point.txtpb), folders of
// run folders (`sagin run --out DIR`, `sagin coverage --out DIR`) or single run folders. Each run
// gets a treatment (its standard, plus the values of axes that belong to that standard alone) and
// a scenario variant (the values of the axes every standard shares; for runs outside a campaign,
// the scenario's name, with a hash of its resolved inputs when one name covers several).
#ifndef SAGIN_STUDY_RESULT_SET_H
#define SAGIN_STUDY_RESULT_SET_H

#include "sagin/v1/result.pb.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sagin
{

struct LoadedRun
{
    std::string directory;
    std::string runId;
    v1::RunResult result;
    std::string standard;
    std::string treatment;
    std::string variant;
    std::uint64_t seed = 0;
    /// Values of the axes every standard shares (name -> value), in the variant.
    std::map<std::string, std::string> variantAxes;
    /// Every axis value of the run.
    std::map<std::string, std::string> axes;
};

class ResultSet
{
  public:
    /// Reads every run under the inputs (a campaign.sqlite path stands for its folder). Runs
    /// found twice (same run id) count once. Throws InputError when an input holds no run or two
    /// different runs claim the same variant, treatment and seed.
    static ResultSet Load(const std::vector<std::string>& inputs);

    /// Keeps the runs whose axis (or `standard`, `treatment`, `variant`, `seed`) has this value;
    /// `conditions` are NAME=VALUE. Throws InputError for an unknown name.
    void Filter(const std::vector<std::string>& conditions);

    const std::vector<LoadedRun>& Runs() const
    {
        return m_runs;
    }

    /// Shared axis names, in the order first seen.
    const std::vector<std::string>& VariantAxisNames() const
    {
        return m_variantAxes;
    }

    /// Variants and treatments in the order first seen.
    std::vector<std::string> Variants() const;
    std::vector<std::string> Treatments() const;

  private:
    std::vector<LoadedRun> m_runs;
    std::vector<std::string> m_variantAxes;
};

} // namespace sagin

#endif
