import CHDF5
public enum NashStoreInfo { }
