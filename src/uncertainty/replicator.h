// One replication of an uncertainty analysis: the rule set with one value of
// each uncertain input, scored (internal).
//
// The inputs are, in this order: the discrete ones of the rule set
// (alternative methods, means, missing policies, winsorisation limits; see
// rules/variant.h), the expert panel, the weights. A replication is a choice
// of one value per input. Choices that share the discrete inputs and the
// panel share a "base": the variant rule set compiled and scored once, whose
// leaf scores every weight set then re-aggregates and finishes with the
// engine's own steps (scoring/steps.h: AggregateTree, Finish). Run(choice)
// is bit for bit Score() of Variant(choice) (tests/replication_test.cpp).
//
// A drawn panel changes only the rated leaves' values, so it needs no base of
// its own: each panel's ratings are combined again from the index of the
// ratings (CombineDrawn: codes recombined, nothing recompiled), and a
// replication scores those columns (ScoreLeaf) into its base's. Only when a
// rated leaf sits under a fuzzy evaluation, whose memberships are the
// ratings' shares on each level, is the panel part of the base's key.
#ifndef MAKERSCORE_SRC_UNCERTAINTY_REPLICATOR_H_
#define MAKERSCORE_SRC_UNCERTAINTY_REPLICATOR_H_

#include <Eigen/Core>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "makerscore/result.h"
#include "makerscore/score.h"
#include "scoring/steps.h"

namespace makerscore::detail {

// One uncertain input: its name in reports and how many values it takes.
struct InputSpace {
  std::string name;
  int count = 0;
};

// One replication as a rule set of its own: the variant rules compiled with
// the weight set's shares, and the cohort with the drawn panel's ratings.
struct Variant {
  Model model;
  Cohort cohort;
};

class Replicator {
 public:
  Replicator(const Model& model, const Cohort& cohort, const UncertainInputs& inputs, std::uint64_t seed);

  const std::vector<InputSpace>& inputs() const { return inputs_; }
  const Result& nominal() const { return *nominal_; }

  // The value index of each input for uniform numbers u[0..inputs) in [0, 1).
  std::vector<int> Choose(const double* u) const;
  // Compiles and scores every base these choices need, on `threads` threads.
  void Prepare(const std::vector<std::vector<int>>& choices, int threads);
  // One replication (its base prepared): totals, ranks and grades.
  Outcomes Run(const std::vector<int>& choice) const;
  // The replication as a rule set and cohort of its own, for checking Run.
  Variant VariantOf(const std::vector<int>& choice) const;

 private:
  // What a replication reads of its base's scoring, and nothing more: a base's whole Result (values,
  // points, flags, traces, the ratings' index) would be kept for every panel and choice of methods.
  struct Base {
    Model model;
    Eigen::ArrayXXd scores;                    // every node's score; the leaves' columns are what Run reads
    Eigen::ArrayXXd used;                      // the values used, when a group reads them (over: values)
    Eigen::ArrayXXd adjustments;               // as Result::adjustment_points
    std::vector<Eigen::ArrayXXd> memberships;  // as Result::all_memberships (fuzzy evaluations)
    std::vector<int> classes;                  // each entity's class; empty without classes
    std::vector<const double*> fields;         // the data's column of each field (the missing policy's groups)
    std::vector<char> unscored;                // no total (a missing value under the policy 'error'); when
                                               // panels are recombined, for the leaves not rated
    std::vector<char> unranked;                // a data cell set aside
    std::vector<std::vector<int>> vetoes;      // as Result::vetoes
    std::vector<int> direct;                   // as Result::direct_grade; empty: none
    std::uint64_t serial = 0;                  // unique among every base ever made (see Run)
  };
  using Key = std::vector<int>;  // the discrete choices, then the panel (-1 when panels are recombined)

  Key KeyOf(const std::vector<int>& choice) const;
  // The variant rules and the panel's ratings of a base.
  std::pair<RuleSet, std::shared_ptr<const Ratings>> VariantInputs(const Key& key) const;
  Base MakeBase(const Key& key) const;
  // True when a drawn panel can change more than the rated leaves' values: a rated leaf under a fuzzy
  // evaluation, in the rule file or in one of its alternatives.
  bool PanelChangesMemberships() const;
  // The index of a choice's panel in panel_values_ (the whole panel for -1).
  int PanelOf(const std::vector<int>& choice) const;
  // Each rated leaf's combined values under drawn panel p (panel_values_[p]), worked out once.
  void CombinePanel(int p);
  // One weight set drawn from rng: the share of every node per class.
  Shares WeightSet(std::mt19937_64& rng) const;

  Model model_;
  Cohort cohort_;
  UncertainInputs u_;
  std::vector<InputSpace> inputs_;
  int discrete_ = 0;  // how many inputs are discrete rule-set choices
  int panel_input_ = -1, weights_input_ = -1;
  std::vector<std::string> experts_;      // in order of first rating
  std::vector<std::vector<int>> panels_;  // multiplicity of each expert, per panel
  std::vector<Shares> weight_sets_;
  std::map<Key, Base> bases_;
  // Recombined panels: the rated leaves' items (item_of_[l] for leaf l, -1 not rated), the index of the
  // whole panel's ratings, each expert's authority, and per panel each item's combined values (empty until
  // a replication needs the panel; the last is the whole panel's).
  bool recombine_ = false;
  std::vector<RatedItem> items_;
  std::vector<int> item_of_;
  RatingsIndex index_;
  std::vector<double> authority_;
  std::vector<std::vector<Eigen::ArrayXd>> panel_values_;
  std::shared_ptr<Result> nominal_;
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UNCERTAINTY_REPLICATOR_H_
