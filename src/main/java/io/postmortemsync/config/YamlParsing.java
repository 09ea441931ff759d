package io.postmortemsync.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML text into a {@link YamlNode} tree with line numbers. SnakeYAML's composer is used
 * rather than Jackson's data binding because it keeps every node's position, resolves anchors and
 * aliases, and lets us bound what a hostile file can cost (alias bombs, deep nesting).
 */
final class YamlParsing {

    private static final int MAX_DEPTH = 40;
    private static final int MAX_NODES = 100_000;

    private final Problems problems;
    private int nodes;

    private YamlParsing(Problems problems) {
        this.problems = problems;
    }

    /** The document's root node; empty when the text has none or cannot be read (problems say why). */
    static Optional<YamlNode> parse(String text, Problems problems) {
        return new YamlParsing(problems).parseDocument(text);
    }

    private Optional<YamlNode> parseDocument(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setProcessComments(false);
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : new Yaml(options).composeAll(new StringReader(text))) {
                documents.add(document);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where =
                    mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            problems.ofFile(mark == null ? 0 : mark.getLine() + 1, "YAML syntax error" + where + ": " + problem);
            return Optional.empty();
        } catch (YAMLException e) {
            // Unmarked: the limits above (too many aliases, too deep), or a reader problem.
            problems.ofFile(0, "cannot read the YAML: " + e.getMessage());
            return Optional.empty();
        }
        if (documents.isEmpty()) {
            return Optional.empty();
        }
        if (documents.size() > 1) {
            problems.ofFile(
                    line(documents.get(1)),
                    "holds " + documents.size()
                            + " YAML documents (separated by ---); put the whole configuration in one");
            return Optional.empty();
        }
        return Optional.of(convert(documents.getFirst(), "", 0));
    }

    private YamlNode convert(Node node, String path, int depth) {
        int line = line(node);
        if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
            // Aliases can make a small file expand enormously (or refer to itself): stop early.
            problems.at(
                    path,
                    line,
                    "nests or repeats too much (more than " + MAX_DEPTH + " levels or " + MAX_NODES
                            + " values): a configuration file never needs that");
            return new YamlNode.Scalar("", true, line);
        }
        if (!node.getTag().startsWith(Tag.PREFIX)) {
            problems.at(path, line, "uses the YAML tag " + node.getTag().getValue() + ", which is not supported here");
        }
        return switch (node) {
            case ScalarNode scalar ->
                new YamlNode.Scalar(scalar.getValue(), scalar.getTag().equals(Tag.NULL), line);
            case SequenceNode sequence -> {
                List<YamlNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item, KeyPath.child(path, items.size()), depth + 1));
                }
                yield new YamlNode.Sequence(items, line);
            }
            case MappingNode mapping -> convertMapping(mapping, path, depth);
            default -> {
                problems.at(path, line, "is a kind of YAML node that is not supported here");
                yield new YamlNode.Scalar("", true, line);
            }
        };
    }

    private YamlNode.Mapping convertMapping(MappingNode mapping, String path, int depth) {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        List<YamlNode.Mapping> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Node valueNode = tuple.getValueNode();
            int keyLine = line(keyNode);
            if (keyNode.getTag().equals(Tag.MERGE)) {
                collectMerge(valueNode, path, depth, merged);
                continue;
            }
            if (!(keyNode instanceof ScalarNode keyScalar) || keyScalar.getTag().equals(Tag.NULL)) {
                problems.at(path, keyLine, "has a key that is empty, a list or a mapping; keys must be names");
                continue;
            }
            String key = keyScalar.getValue();
            String childPath = KeyPath.child(path, key);
            YamlNode.Entry earlier = entries.get(key);
            if (earlier != null) {
                problems.at(childPath, keyLine, "is given twice (first on line " + earlier.line() + ")");
                continue;
            }
            entries.put(key, new YamlNode.Entry(key, keyLine, convert(valueNode, childPath, depth + 1)));
        }
        // YAML merge keys (<<: *defaults): keys written in the mapping itself win, then the merged
        // mappings in the order they are listed.
        for (YamlNode.Mapping source : merged) {
            source.entries().forEach(entries::putIfAbsent);
        }
        return new YamlNode.Mapping(entries, line(mapping));
    }

    private void collectMerge(Node value, String path, int depth, List<YamlNode.Mapping> into) {
        // Converted under the mapping's own path: that is where the merged keys end up.
        YamlNode converted = convert(value, path, depth + 1);
        switch (converted) {
            case YamlNode.Mapping m -> into.add(m);
            case YamlNode.Sequence s
            when s.items().stream().allMatch(YamlNode.Mapping.class::isInstance) ->
                s.items().forEach(item -> into.add((YamlNode.Mapping) item));
            default ->
                problems.at(
                        KeyPath.child(path, "<<"),
                        converted.line(),
                        "must merge a mapping or a list of mappings, not " + converted.kind());
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
