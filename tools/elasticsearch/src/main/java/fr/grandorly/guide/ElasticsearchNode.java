package fr.grandorly.guide;

import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;

/**
 * One Elasticsearch node on loopback, for development and CI (tools/elasticsearch/node).
 *
 * <p>Arguments: the data folder and the HTTP port. The node stays in the foreground until it is
 * stopped (SIGTERM closes it); "READY" is printed once the cluster is yellow or green.
 */
public final class ElasticsearchNode {
    private ElasticsearchNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ElasticsearchNode <data folder> <http port>");
            System.exit(2);
        }
        String dataFolder = args[0];
        String httpPort = args[1];
        ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", httpPort);
            settings.put("transport.port", String.valueOf(Integer.parseInt(httpPort) + 100));
            settings.put("discovery.type", "single-node");
            settings.remove("cluster.initial_master_nodes");
            settings.remove("discovery.seed_hosts");
            // The machine's disk may be nearly full: the node must not turn read-only for that.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception error) {
                System.err.println("closing the node: " + error);
            }
        }));
        runner.build(ElasticsearchClusterRunner.newConfigs()
                .basePath(dataFolder)
                .numOfNode(1)
                .clusterName("guide-des-aides")
                .printOnFailure());
        runner.ensureYellow();
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
