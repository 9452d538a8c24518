import math
def softmax(logits):
    if not logits: raise ValueError
    m=max(logits); e=[math.exp(x-m) for x in logits]; s=sum(e); return [v/s for v in e]
def cross_entropy(logits, target):
    if not logits: raise ValueError
    if not 0 <= target < len(logits): raise IndexError
    return -math.log(softmax(logits)[target])
