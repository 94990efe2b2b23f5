namespace CollapseLab.Lm; internal static class Placeholder {}
