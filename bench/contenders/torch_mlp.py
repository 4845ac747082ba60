"""Contender child: PyTorch, one thread. Args: <e2e|step> <spec.json> <init.safetensors> [budget].

e2e reads the JSONL with json.loads line by line and builds tensors per batch, as a PyTorch user
streaming a file would; step parses every batch into tensors first and times the optimizer steps
alone. Both train torch.nn.Sequential (names match streamprop's checkpoint, so load_state_dict is
strict) with torch.optim.SGD, from the same initial parameters, in stream order. A softmax head is
left out of the Sequential: nn.CrossEntropyLoss takes the logits, as streamprop fuses them. The
clock starts after the imports, the model and the test set; a budget (seconds, 0 = every epoch)
stops the run at the next batch boundary. Prints {"result": {...}} as its last line.
"""
import itertools
import json
import os
import resource
import struct
import sys
import time

import torch

torch.set_num_threads(1)

IN_MEMORY_EVENTS = 100_000


def read_safetensors(path):
    """The F32 tensors of a safetensors file, by name."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    start = 8 + size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        flat = torch.frombuffer(bytearray(data[start + begin : start + end]), dtype=torch.float32)
        tensors[name] = flat.reshape(info["shape"])
    return tensors


def build(spec):
    """The Sequential for the spec's layers (a final softmax dropped: the loss takes logits)."""
    layers, width = [], spec["model"]["inputs"]
    specs = spec["model"]["layers"]
    for i, layer in enumerate(specs):
        kind = layer["type"]
        if kind == "dense":
            layers.append(torch.nn.Linear(width, layer["units"]))
            width = layer["units"]
        elif kind == "tanh":
            layers.append(torch.nn.Tanh())
        elif kind == "relu":
            layers.append(torch.nn.ReLU())
        elif kind == "softmax" and i == len(specs) - 1:
            pass
        else:
            raise SystemExit(f"torch contender: layer {kind} is not supported")
    return torch.nn.Sequential(*layers)


def main():
    mode, spec_path, init_path = sys.argv[1:4]
    budget = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    with open(spec_path) as f:
        spec = json.load(f)
    folder = os.path.dirname(os.path.abspath(spec_path))
    data = spec["data"]
    classes = spec["loss"]["type"] == "cross-entropy"
    model = build(spec)
    model.load_state_dict(read_safetensors(init_path), strict=True)
    opt = spec["optimizer"]
    sgd = torch.optim.SGD(model.parameters(), lr=opt["learningRate"], momentum=opt.get("momentum", 0.0))
    loss_fn = torch.nn.CrossEntropyLoss() if classes else torch.nn.MSELoss()
    batch_size, epochs = data["batchSize"], data.get("epochs", 1)
    train_path = os.path.join(folder, data["train"]["path"])

    def targets(ys):
        return torch.tensor(ys, dtype=torch.long) if classes else torch.tensor(ys, dtype=torch.float32).reshape(len(ys), -1)

    def batches_of(path):
        xs, ys = [], []
        with open(path) as f:
            for line in f:
                if not line.strip():
                    continue
                event = json.loads(line)
                xs.append(event["x"])
                ys.append(event["y"])
                if len(xs) == batch_size:
                    yield torch.tensor(xs, dtype=torch.float32), targets(ys)
                    xs, ys = [], []
        if xs:
            yield torch.tensor(xs, dtype=torch.float32), targets(ys)

    def step(x, y):
        sgd.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        sgd.step()

    test = None
    if classes and "test" in data and budget == 0:
        test = next(iter_all(batches_of(os.path.join(folder, data["test"]["path"]))))

    def accuracy():
        with torch.no_grad():
            return (model(test[0]).argmax(1) == test[1]).float().mean().item()

    # Enough batches for any budget at today's speeds without parsing all 200k W1 lines first.
    in_memory = list(itertools.islice(batches_of(train_path), IN_MEMORY_EVENTS // batch_size)) if mode == "step" else None
    events, acc = 0, None
    deadline = budget if budget > 0 else float("inf")
    started = time.perf_counter()
    for _ in range(epochs):
        for x, y in in_memory if in_memory is not None else batches_of(train_path):
            step(x, y)
            events += x.shape[0]
            if time.perf_counter() - started > deadline:
                break
        # The CLI evaluates on the test set at each epoch end, inside its timing; so does e2e here.
        if test is not None and mode == "e2e":
            acc = accuracy()
        if time.perf_counter() - started > deadline:
            break
    seconds = time.perf_counter() - started
    if test is not None and mode == "step":
        acc = accuracy()
    result = {"events": events, "seconds": seconds, "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    if acc is not None:
        result["accuracy"] = acc
    print(json.dumps({"result": result}))


def iter_all(batches):
    """All batches of an iterator concatenated into one (the whole test set)."""
    xs, ys = zip(*batches)
    yield torch.cat(xs), torch.cat(ys)


if __name__ == "__main__":
    main()
