import Nash
import NashEngine
public enum NashTrainingInfo { }
