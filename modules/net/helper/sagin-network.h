// Builds the ns-3 world of a scenario under a standard: one ns-3 node per world node with its
// trajectory as mobility, the internet stack with SaginRouting, sagin devices on the radio
// channel (one per face) and on one point-to-point channel per ISL, ns-3 point-to-point devices
// for fiber, addresses that encode the world node, and the topology updates on a timer.
#ifndef SAGIN_NET_SAGIN_NETWORK_H
#define SAGIN_NET_SAGIN_NETWORK_H

#include "net/model/network-state.h"
#include "net/model/sagin-channel.h"

#include <functional>
#include <memory>
#include <ns3/ipv4-address.h>
#include <ns3/node-container.h>
#include <string>
#include <vector>

namespace sagin
{

struct NetworkOptions
{
    /// Forwarding state is computed toward these world nodes (empty: every ground site).
    std::vector<int> destinations;
    // Queue limits and the rates of links without one are the standard's, per link kind
    // (LinkParameters.queue_packets and default_rate_mbps, resolved in StandardPolicy).
    /// First ns-3 random stream index used by the network.
    int64_t stream = 1000;
};

class SaginNetwork
{
  public:
    SaginNetwork(const World& world, const StandardPolicy& policy, NetworkOptions options = {});

    /// Creates nodes, stacks, devices and addresses, and computes the topology at t = 0.
    void Install();
    /// Recomputes the topology every update interval from `start` until `stop` (s).
    void ScheduleUpdates(double start, double stop);
    /// Called after every topology update (including the one at install).
    void OnUpdate(std::function<void()> callback);

    ns3::Ptr<ns3::Node> Node(int worldNode) const;
    /// The address other nodes reach `worldNode` by.
    ns3::Ipv4Address Address(int worldNode) const;
    std::shared_ptr<NetworkState> State() const
    {
        return m_state;
    }

    const ns3::NodeContainer& Nodes() const
    {
        return m_nodes;
    }

    /// World nodes whose name matches an ECMAScript regular expression (searched anywhere in
    /// the name, as `sagin ephemeris --nodes`). Throws std::regex_error for a bad expression.
    std::vector<int> NodesMatching(const std::string& regex) const;

    /// pcap files of every device of the given world nodes: `<prefix><node>-<interface>.pcap`,
    /// IPv4 packets as sent and received (link type RAW for sagin devices, PPP for fiber), with
    /// ns-3's PcapHelper on the devices' PromiscSniffer trace sources. Returns the files.
    std::vector<std::string> EnablePcap(const std::string& prefix,
                                        const std::vector<int>& worldNodes) const;

  private:
    void Tick(double stop);

    const World& m_world;
    const StandardPolicy& m_policy;
    NetworkOptions m_options;
    std::shared_ptr<NetworkState> m_state;
    ns3::NodeContainer m_nodes;
    ns3::Ptr<SaginChannel> m_radio;
    std::vector<std::function<void()>> m_onUpdate;
};

} // namespace sagin

#endif
