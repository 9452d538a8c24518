def moving_average(values, window):
    if window <= 0 or window > len(values): raise ValueError
    return [sum(values[i:i+window])/window for i in range(len(values)-window+1)]
