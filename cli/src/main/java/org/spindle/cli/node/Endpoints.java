package org.spindle.cli.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spindle.node.api.ApiClient;
import org.spindle.node.devnet.DevnetLayout;

/**
 * The node APIs a client command talks to: the {@code --api} URLs given (each asked for its shard
 * and chain), or else those a devnet directory lists.
 */
record Endpoints(List<DevnetLayout.Api> apis, long chainId, int shards) {
    static Endpoints resolve(List<String> urls, Path dir) throws IOException, InterruptedException {
        List<DevnetLayout.Api> apis = new ArrayList<>();
        if (urls != null && !urls.isEmpty()) {
            for (int i = 0; i < urls.size(); i++) {
                ApiClient.Reply s = new ApiClient(urls.get(i)).status();
                if (!s.ok()) {
                    throw new IOException(urls.get(i) + " answered " + s.status() + ": " + s.body());
                }
                apis.add(new DevnetLayout.Api(s.body().get("node").asInt(), s.body().get("shard").asInt(), urls.get(i)));
            }
        } else if (Files.exists(dir.resolve(DevnetLayout.APIS))) {
            apis.addAll(DevnetLayout.apis(dir));
        } else {
            throw new IOException("no --api given and no devnet in " + dir + " (start one with ./spindle devnet)");
        }
        ApiClient.Reply first = null;
        for (DevnetLayout.Api a : apis) {
            try {
                first = new ApiClient(a.url()).status();
                if (first.ok()) {
                    break;
                }
            } catch (IOException e) {
                first = null; // that node may be down; try the next
            }
        }
        if (first == null || !first.ok()) {
            throw new IOException("no node answers at " + apis.stream().map(DevnetLayout.Api::url).toList());
        }
        return new Endpoints(apis, first.body().get("chainId").asLong(), first.body().get("shards").asInt());
    }

    /** The APIs of nodes serving {@code shard}; when none was given, all of them (they forward). */
    List<String> forShard(int shard) {
        List<String> of = apis.stream().filter(a -> a.shard() == shard).map(DevnetLayout.Api::url).toList();
        return of.isEmpty() ? apis.stream().map(DevnetLayout.Api::url).toList() : of;
    }
}
